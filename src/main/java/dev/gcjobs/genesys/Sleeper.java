package dev.gcjobs.genesys;

import java.time.Duration;

/**
 * Waits for a while. The client never calls {@code Thread.sleep} directly, so that tests can pair a
 * sleeper with a fake {@link java.time.Clock} and move time without waiting.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps on the current thread, as {@link Thread#sleep(long, int)} does. */
  Sleeper SYSTEM =
      duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
          Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
      };

  /** Blocks the calling thread for {@code duration}; zero or negative returns at once. */
  void sleep(Duration duration) throws InterruptedException;
}
