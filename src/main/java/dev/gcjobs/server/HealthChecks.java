package dev.gcjobs.server;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * What {@code GET /health/ready} asks; the server knows nothing of the store or Genesys itself.
 * Each check should answer in a second or two: the server waits at most {@link
 * ServerSettings#healthTimeout()} and counts a slower answer as a failure.
 *
 * @param storeReachable whether the engine's store answers
 * @param tokenObtainable whether an OAuth token for Genesys (or the emulator) can be had
 */
public record HealthChecks(BooleanSupplier storeReachable, BooleanSupplier tokenObtainable) {
  public HealthChecks {
    Objects.requireNonNull(storeReachable, "storeReachable");
    Objects.requireNonNull(tokenObtainable, "tokenObtainable");
  }

  /** Checks that always pass, for tests and tools without a store. */
  public static HealthChecks alwaysReady() {
    return new HealthChecks(() -> true, () -> true);
  }
}
