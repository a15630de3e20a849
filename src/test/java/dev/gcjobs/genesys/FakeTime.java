package dev.gcjobs.genesys;

import dev.gcjobs.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TestClock} that is also the client's {@link Sleeper}: a sleep moves the clock on at once
 * and is recorded, so tests see every wait without waiting. Time moves only when something sleeps
 * on it (or a test advances it). Thread-safe.
 */
final class FakeTime extends Clock implements Sleeper {
  private final TestClock clock;
  private final List<Duration> sleeps = new ArrayList<>();

  FakeTime(Instant start) {
    this.clock = TestClock.at(start);
  }

  FakeTime() {
    this(Instant.parse("2024-05-01T00:00:00Z"));
  }

  @Override
  public synchronized void sleep(Duration duration) {
    if (!duration.isNegative()) {
      clock.advance(duration);
      sleeps.add(duration);
    }
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  synchronized Duration totalSlept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public Instant instant() {
    return clock.instant();
  }

  @Override
  public ZoneId getZone() {
    return clock.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
