package dev.gcjobs.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the engine runs: where it keeps part files, how many steps run at once, and how it paces job
 * status checks. Immutable and validated.
 *
 * @param stateDir where part files live ({@code <stateDir>/parts/<exportId>/})
 * @param workers threads running steps; each step is one Genesys call and one store write
 * @param pollSchedule the delays between status checks of a job
 * @param maxResubmits how often one chunk's job may expire or vanish before the export fails
 */
public record EngineSettings(
    Path stateDir, int workers, PollSchedule pollSchedule, int maxResubmits) {

  /** Steps are short; more threads than this only wait on the rate budget together. */
  public static final int DEFAULT_WORKERS = 4;

  /** A job that expires this often before its results are read will not do better next time. */
  public static final int DEFAULT_MAX_RESUBMITS = 5;

  public EngineSettings {
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(pollSchedule, "pollSchedule");
    if (workers < 1 || workers > ExportRequest.MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "workers must be 1.." + ExportRequest.MAX_CONCURRENCY + ", got " + workers);
    }
    if (maxResubmits < 0) {
      throw new IllegalArgumentException("maxResubmits must be >= 0, got " + maxResubmits);
    }
  }

  /** The defaults, with part files under {@code stateDir}. */
  public static EngineSettings defaults(Path stateDir) {
    return new EngineSettings(
        stateDir, DEFAULT_WORKERS, PollSchedule.DEFAULT, DEFAULT_MAX_RESUBMITS);
  }

  /** A copy with {@code workers} threads. */
  public EngineSettings withWorkers(int workers) {
    return new EngineSettings(stateDir, workers, pollSchedule, maxResubmits);
  }

  /** A copy with another poll schedule. */
  public EngineSettings withPollSchedule(PollSchedule pollSchedule) {
    return new EngineSettings(stateDir, workers, pollSchedule, maxResubmits);
  }
}
