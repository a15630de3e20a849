package dev.gcjobs.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The fake clock of the tests: time moves only when a test says so, so a test ticks time instead of
 * sleeping. Thread-safe: workers may read it while the test moves it. UTC.
 *
 * <p>Three kinds, one class: {@link #at} stands still until moved; {@link #ticking} also moves on
 * by a fixed step on every read (time flies, deterministically); {@link #followingSystemTime}
 * follows the real clock, plus whatever the test {@linkplain #advance advanced} (for code that
 * needs real time to pass, such as an emulator's job that ends after a real delay, while a test
 * skips hours ahead).
 */
public final class TestClock extends Clock {
  /** The step of {@link #tick()} on a clock made without one: "a moment later". */
  public static final Duration DEFAULT_TICK = Duration.ofMillis(1);

  private final Clock base;
  private final Duration stepPerRead;
  private final Duration tick;
  private Duration offset = Duration.ZERO;

  private TestClock(Clock base, Duration stepPerRead, Duration tick) {
    this.base = base;
    this.stepPerRead = requireNotNegative(stepPerRead, "stepPerRead");
    this.tick = requireNotNegative(tick, "tick");
  }

  /** A clock that reads {@code start} until a test moves it. */
  public static TestClock at(Instant start) {
    return new TestClock(Clock.fixed(start, ZoneOffset.UTC), Duration.ZERO, DEFAULT_TICK);
  }

  /** {@link #at} of an ISO-8601 instant, such as {@code "2024-05-01T00:00:00Z"}. */
  public static TestClock at(String start) {
    return at(Instant.parse(start));
  }

  /**
   * A clock that moves on by {@code stepPerRead} every time it is read, the first read giving
   * {@code start + stepPerRead}; {@link #tick()} moves it by the same step.
   */
  public static TestClock ticking(Instant start, Duration stepPerRead) {
    return new TestClock(Clock.fixed(start, ZoneOffset.UTC), stepPerRead, stepPerRead);
  }

  /** The system clock (UTC) plus whatever the test has advanced it by. */
  public static TestClock followingSystemTime() {
    return new TestClock(Clock.systemUTC(), Duration.ZERO, DEFAULT_TICK);
  }

  /** Moves time on by {@code by} (not negative) and returns the new time. */
  public synchronized Instant advance(Duration by) {
    offset = offset.plus(requireNotNegative(by, "by"));
    return base.instant().plus(offset);
  }

  /** Moves time on by one tick ({@link #DEFAULT_TICK}, or a ticking clock's step). */
  public Instant tick() {
    return advance(tick);
  }

  /** Sets the time to {@code now}, forward or back; a clock following system time goes on. */
  public synchronized void set(Instant now) {
    offset = Duration.between(base.instant(), Objects.requireNonNull(now, "now"));
  }

  @Override
  public synchronized Instant instant() {
    offset = offset.plus(stepPerRead);
    return base.instant().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This same clock: every time in gcjobs is an {@link Instant}, so a zone changes nothing. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /** Shows the time without reading it, so a ticking clock does not move. */
  @Override
  public synchronized String toString() {
    return "TestClock[" + base.instant().plus(offset) + "]";
  }

  private static Duration requireNotNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
    return d;
  }
}
