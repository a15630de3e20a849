package dev.gcjobs.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs: where it keeps part files, how many steps run at once, how long a worker
 * holds a chunk, and how it paces job status checks. Immutable and validated.
 *
 * @param stateDir where part files live ({@code <stateDir>/parts/<exportId>/})
 * @param workers threads running steps; each step is one Genesys call and one store write
 * @param lease how long a claimed chunk stays its worker's without a heartbeat; a worker that died
 *     loses it that long after its last heartbeat
 * @param pollSchedule the delays between status checks of a job
 * @param maxResubmits how often one chunk's job may expire or vanish before the export fails
 */
public record EngineSettings(
    Path stateDir, int workers, Duration lease, PollSchedule pollSchedule, int maxResubmits) {

  /** Steps are short; more threads than this only wait on the rate budget together. */
  public static final int DEFAULT_WORKERS = 4;

  /**
   * How soon another process takes over the chunk of a worker that died. A live worker renews the
   * lease of the chunk it runs every quarter of it (a heartbeat), so a step may take as long as its
   * Genesys call does.
   */
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);

  /** A job that expires this often before its results are read will not do better next time. */
  public static final int DEFAULT_MAX_RESUBMITS = 5;

  public EngineSettings {
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(pollSchedule, "pollSchedule");
    if (workers < 1 || workers > ExportRequest.MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "workers must be 1.." + ExportRequest.MAX_CONCURRENCY + ", got " + workers);
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("lease must be at least 1 s, got " + lease);
    }
    if (maxResubmits < 0) {
      throw new IllegalArgumentException("maxResubmits must be >= 0, got " + maxResubmits);
    }
  }

  /** The defaults, with part files under {@code stateDir}. */
  public static EngineSettings defaults(Path stateDir) {
    return new EngineSettings(
        stateDir, DEFAULT_WORKERS, DEFAULT_LEASE, PollSchedule.DEFAULT, DEFAULT_MAX_RESUBMITS);
  }

  /** A copy with {@code workers} threads. */
  public EngineSettings withWorkers(int workers) {
    return new EngineSettings(stateDir, workers, lease, pollSchedule, maxResubmits);
  }

  /** A copy with another poll schedule. */
  public EngineSettings withPollSchedule(PollSchedule pollSchedule) {
    return new EngineSettings(stateDir, workers, lease, pollSchedule, maxResubmits);
  }
}
