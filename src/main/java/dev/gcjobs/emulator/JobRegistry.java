package dev.gcjobs.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The jobs of every client, with the limit on concurrently running jobs per client. */
final class JobRegistry {
  /** The Genesys name of the concurrent-jobs limit, reported in the 429's {@code limit}. */
  static final String CONCURRENT_LIMIT_KEY = "details.jobs.concurrent.access.max";

  private final Map<String, AnalyticsJob> jobs = new ConcurrentHashMap<>();

  /** The same jobs in the order of submission (appended under this registry's lock). */
  private final ConcurrentLinkedQueue<AnalyticsJob> submitted = new ConcurrentLinkedQueue<>();

  private final Clock clock;
  private final EmulatorConfig config;
  private final Faults faults;

  JobRegistry(EmulatorConfig config, Faults faults) {
    this.clock = config.clock();
    this.config = config;
    this.faults = faults;
  }

  /**
   * Registers a new job for the matched records.
   *
   * @param interval the {@code interval} of the submitted query, as sent
   * @throws TooManyRequests when the client already runs the maximum number of jobs
   */
  synchronized AnalyticsJob submit(
      JobKind kind,
      String clientId,
      String interval,
      List<EmulatedRecord> records,
      Instant dataAvailability) {
    Instant now = clock.instant();
    jobs.values().forEach(job -> job.releaseIfGone(now));
    List<AnalyticsJob> running =
        jobs.values().stream().filter(j -> j.clientId.equals(clientId) && j.running(now)).toList();
    int max = config.maxConcurrentJobsPerClient();
    if (running.size() >= max) {
      Instant firstDone =
          running.stream().map(j -> j.completes).min(Instant::compareTo).orElse(now);
      long wait = Math.max(1, (Duration.between(now, firstDone).toMillis() + 999) / 1000);
      throw TooManyRequests.concurrentJobs(max, wait);
    }
    Duration duration =
        config.jobBaseDelay().plus(config.jobPerRecordDelay().multipliedBy(records.size()));
    AnalyticsJob job =
        new AnalyticsJob(
            UUID.randomUUID().toString(),
            kind,
            clientId,
            interval,
            now,
            config.jobBaseDelay().dividedBy(2),
            duration,
            config.resultRetention(),
            faults.nextJobFails(),
            dataAvailability,
            records);
    jobs.put(job.id, job);
    submitted.add(job);
    return job;
  }

  /** Every job submitted, in the order of submission. */
  List<AnalyticsJob> all() {
    return List.copyOf(submitted);
  }

  /**
   * Adds a request to the log of job {@code jobId}, when a job of that id exists and the endpoint
   * is one of its kind's (a status request for a users job on the conversations path is about no
   * job: it got a 404).
   */
  void recordRequest(String jobId, JobRequest request) {
    AnalyticsJob job = jobs.get(jobId);
    if (job != null
        && (request.endpoint() == job.kind.status
            || request.endpoint() == job.kind.results
            || request.endpoint() == job.kind.cancel)) {
      job.recordRequest(request);
    }
  }

  /** The job of that kind with that id, if any (a conversation job is not a users job). */
  Optional<AnalyticsJob> find(JobKind kind, String id) {
    AnalyticsJob job = jobs.get(id);
    return job != null && job.kind == kind ? Optional.of(job) : Optional.empty();
  }
}
