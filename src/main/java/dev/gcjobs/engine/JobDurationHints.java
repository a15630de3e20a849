package dev.gcjobs.engine;

import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkState;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How long an export's jobs take, learned while it runs, so that its other chunks are checked when
 * their jobs should be done rather than only on the blind {@link PollSchedule}: per export, the
 * shortest time from submit until a status check found a job FULFILLED, by chunk length. In memory
 * only: a new process starts without hints and polls on the schedule. Thread-safe.
 */
final class JobDurationHints {
  /**
   * Exports remembered at once. An export is forgotten when it ends in this engine; one ended by
   * another process (cancelled through another node) would stay, so the least recently used go.
   */
  static final int MAX_EXPORTS = 1000;

  private final Duration cap;

  /** Per export: chunk length to the shortest submit-to-fulfilled time seen at that length. */
  private final Map<String, TreeMap<Duration, Duration>> byExport =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TreeMap<Duration, Duration>> e) {
          return size() > MAX_EXPORTS;
        }
      };

  /**
   * @param cap the longest estimate given, the schedule's {@link PollSchedule#maxDelay()}: one slow
   *     job then never makes its siblings be checked later than the schedule would at worst
   */
  JobDurationHints(Duration cap) {
    this.cap = Objects.requireNonNull(cap, "cap");
  }

  /** {@code chunk}'s job was found FULFILLED at {@code now}. */
  void recordFulfilled(ChunkRow chunk, Instant now) {
    if (chunk.job().submittedAt() != null) {
      record(chunk.exportId(), lengthOf(chunk), Duration.between(chunk.job().submittedAt(), now));
    }
  }

  /**
   * A job of {@code exportId}'s chunk {@code chunkLength} long was found FULFILLED {@code took}
   * after its submit.
   */
  synchronized void record(String exportId, Duration chunkLength, Duration took) {
    if (took.isNegative()) {
      return; // the clock stepped back: this says nothing about the job
    }
    byExport
        .computeIfAbsent(exportId, id -> new TreeMap<>())
        .merge(chunkLength, took, JobDurationHints::shorter);
  }

  /**
   * How long a job of {@code exportId}'s chunk {@code chunkLength} long should take: the shortest
   * time seen for a chunk at least as long (a shorter chunk has no more records to gather), at most
   * the cap; empty when no such job was seen done.
   */
  synchronized Optional<Duration> estimate(String exportId, Duration chunkLength) {
    TreeMap<Duration, Duration> seen = byExport.get(exportId);
    if (seen == null) {
      return Optional.empty();
    }
    return seen.tailMap(chunkLength, true).values().stream()
        .min(Duration::compareTo)
        .map(d -> shorter(d, cap));
  }

  /**
   * When to check {@code chunk}'s running job next: its expected end if that is after {@code now}
   * and before {@code scheduled}, else {@code scheduled}.
   */
  Instant nextCheck(ChunkRow chunk, Instant scheduled, Instant now) {
    return expectedEnd(chunk)
        .filter(end -> end.isAfter(now) && end.isBefore(scheduled))
        .orElse(scheduled);
  }

  /**
   * When to check {@code sibling} now that a job of a chunk {@code doneLength} long was found done:
   * at its expected end (or now, if that has passed), when that is sooner than its scheduled check;
   * empty to leave it alone (no running job, a longer chunk, its step running, or due soon enough).
   */
  Optional<Instant> soonerCheck(ChunkRow sibling, Duration doneLength, Instant now) {
    boolean waiting =
        (sibling.state() == ChunkState.SUBMITTED || sibling.state() == ChunkState.POLLING)
            && sibling.job().id() != null;
    if (!waiting || sibling.schedule().isRunning() || lengthOf(sibling).compareTo(doneLength) > 0) {
      return Optional.empty();
    }
    return expectedEnd(sibling)
        .map(end -> end.isAfter(now) ? end : now)
        .filter(at -> sibling.schedule().waitsPast(at));
  }

  /** The export ended: its jobs' times are of no more use. */
  synchronized void forget(String exportId) {
    byExport.remove(exportId);
  }

  /** When {@code chunk}'s job should be done, or empty without an estimate. */
  Optional<Instant> expectedEnd(ChunkRow chunk) {
    Instant submittedAt = chunk.job().submittedAt();
    if (submittedAt == null) {
      return Optional.empty();
    }
    return estimate(chunk.exportId(), lengthOf(chunk)).map(submittedAt::plus);
  }

  static Duration lengthOf(ChunkRow chunk) {
    return Duration.between(chunk.intervalStart(), chunk.intervalEnd());
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
