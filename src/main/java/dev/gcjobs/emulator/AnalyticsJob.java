package dev.gcjobs.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One submitted detail job. Its state is derived from the clock at each look: QUEUED for the first
 * half of the base delay, PENDING until its completion time, then FULFILLED (or FAILED) until the
 * retention ends, then EXPIRED. It also keeps the requests made about it, for {@code GET
 * /emulator/jobs}. Thread-safe.
 */
final class AnalyticsJob {
  final String id;
  final JobKind kind;
  final String clientId;

  /** The {@code interval} of the submitted query, as sent. */
  final String interval;

  final Instant submitted;
  final Instant queuedUntil;
  final Instant completes;
  final Instant expires;
  final boolean fails;
  final Instant dataAvailability;
  final int recordCount;
  private volatile List<EmulatedRecord> records;
  private volatile Instant cancelledAt;
  private final List<JobRequest> requests = new ArrayList<>();

  AnalyticsJob(
      String id,
      JobKind kind,
      String clientId,
      String interval,
      Instant submitted,
      Duration queued,
      Duration running,
      Duration retention,
      boolean fails,
      Instant dataAvailability,
      List<EmulatedRecord> records) {
    this.id = id;
    this.kind = kind;
    this.clientId = clientId;
    this.interval = interval;
    this.submitted = submitted;
    this.queuedUntil = submitted.plus(queued);
    this.completes = submitted.plus(running);
    this.expires = completes.plus(retention);
    this.fails = fails;
    this.dataAvailability = dataAvailability;
    this.recordCount = records.size();
    this.records = records;
  }

  JobState state(Instant now) {
    Instant cancelled = cancelledAt;
    if (cancelled != null) {
      return JobState.CANCELLED;
    }
    if (now.isBefore(queuedUntil)) {
      return JobState.QUEUED;
    }
    if (now.isBefore(completes)) {
      return JobState.PENDING;
    }
    if (fails) {
      return JobState.FAILED;
    }
    return now.isBefore(expires) ? JobState.FULFILLED : JobState.EXPIRED;
  }

  /** Whether the job counts against its client's concurrent-jobs limit. */
  boolean running(Instant now) {
    JobState s = state(now);
    return s == JobState.QUEUED || s == JobState.PENDING;
  }

  /** When the job reached a terminal state, or null while it runs. */
  Instant completionDate(Instant now) {
    Instant cancelled = cancelledAt;
    if (cancelled != null) {
      return cancelled;
    }
    return now.isBefore(completes) ? null : completes;
  }

  /** The matched records while FULFILLED, else null. */
  List<EmulatedRecord> records(Instant now) {
    return state(now) == JobState.FULFILLED ? records : null;
  }

  /** Cancels the job unless it already FAILED or EXPIRED; its results are dropped. Idempotent. */
  synchronized void cancel(Instant now) {
    JobState s = state(now);
    if (s == JobState.QUEUED || s == JobState.PENDING || s == JobState.FULFILLED) {
      cancelledAt = now;
      records = null;
    }
  }

  /** Drops the records of a job whose results can no longer be read. */
  void releaseIfGone(Instant now) {
    if (records != null && state(now) != JobState.FULFILLED && !running(now)) {
      records = null;
    }
  }

  /** Adds an answered request about this job to its log. */
  void recordRequest(JobRequest request) {
    synchronized (requests) {
      requests.add(request);
    }
  }

  /** The requests made about this job so far, in the order they were answered. */
  List<JobRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }
}
