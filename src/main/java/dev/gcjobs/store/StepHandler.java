package dev.gcjobs.store;

import java.time.Instant;
import java.util.Optional;

/** Runs the step a chunk is due for: what a {@link ChunkSteps} execution does. */
@FunctionalInterface
public interface StepHandler {
  /**
   * Runs one step of chunk {@code seq} of {@code exportId}, its outcome stored in the chunk's row
   * before this returns.
   *
   * @return when the chunk's next step is due; empty when it has none (finished, or its export
   *     stopped)
   */
  Optional<Instant> step(String exportId, int seq);
}
