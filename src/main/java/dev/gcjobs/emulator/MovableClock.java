package dev.gcjobs.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's clock: a base clock (the real one, or a test's) moved by an offset that {@code
 * --now} and {@code POST /emulator/clock} set, so tests can live days of Genesys time in seconds.
 * Time goes on from where it was moved to. Thread-safe.
 */
final class MovableClock extends Clock {
  private final Clock base;
  private final AtomicLong offsetMillis = new AtomicLong();

  MovableClock(Clock base) {
    this.base = base;
  }

  /** From now on, the clock reads {@code now} and goes on from there. */
  void set(Instant now) {
    offsetMillis.set(now.toEpochMilli() - base.millis());
  }

  /**
   * Moves the clock forward by {@code by}.
   *
   * @throws IllegalArgumentException when {@code by} is negative: jobs and tokens never go back
   */
  void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; got " + by);
    }
    offsetMillis.addAndGet(by.toMillis());
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public long millis() {
    return base.millis() + offsetMillis.get();
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the emulator's clock is UTC");
  }
}
