package dev.gcjobs.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The jobs of every client, with the limit on concurrently running jobs per client. */
final class JobRegistry {
  /** The Genesys name of the concurrent-jobs limit, reported in the 429's {@code limit}. */
  static final String CONCURRENT_LIMIT_KEY = "details.jobs.concurrent.access.max";

  private final Map<String, AnalyticsJob> jobs = new ConcurrentHashMap<>();
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
   * @throws TooManyRequests when the client already runs the maximum number of jobs
   */
  synchronized AnalyticsJob submit(
      JobKind kind, String clientId, List<EmulatedRecord> records, Instant dataAvailability) {
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
            now,
            config.jobBaseDelay().dividedBy(2),
            duration,
            config.resultRetention(),
            faults.nextJobFails(),
            dataAvailability,
            records);
    jobs.put(job.id, job);
    return job;
  }

  /** The job of that kind with that id, if any (a conversation job is not a users job). */
  Optional<AnalyticsJob> find(JobKind kind, String id) {
    AnalyticsJob job = jobs.get(id);
    return job != null && job.kind == kind ? Optional.of(job) : Optional.empty();
  }
}
