package dev.gcjobs.testing;

import java.time.Duration;

/**
 * The bound of a wait loop a test writes itself (where Awaitility does not fit, as when each turn
 * runs a step): {@link #check()} in every turn fails the test, saying what it waited for, once the
 * real time is up. Unlike the JUnit timeout, it also ends a loop that never sleeps.
 *
 * <pre>{@code
 * Deadline deadline = Deadline.in(Duration.ofSeconds(60), "a chunk part-way through its pages");
 * while (noChunkHasACursor()) {
 *   deadline.check();
 *   engine.runOneDueStep();
 * }
 * }</pre>
 */
public final class Deadline {
  private final Duration limit;
  private final String waitingFor;
  private final long endNanos;

  private Deadline(Duration limit, String waitingFor) {
    this.limit = limit;
    this.waitingFor = waitingFor;
    this.endNanos = System.nanoTime() + limit.toNanos();
  }

  /** A deadline {@code limit} of real time from now, for {@code waitingFor} (said on failure). */
  public static Deadline in(Duration limit, String waitingFor) {
    return new Deadline(limit, waitingFor);
  }

  /**
   * Returns while there is time left.
   *
   * @throws AssertionError once the time is up
   */
  public void check() {
    if (System.nanoTime() - endNanos > 0) {
      throw new AssertionError("gave up waiting for " + waitingFor + " after " + limit);
    }
  }
}
