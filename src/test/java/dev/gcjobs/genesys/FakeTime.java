package dev.gcjobs.genesys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when something sleeps on it (or a test advances it). Thread-safe. */
final class FakeTime extends Clock implements Sleeper {
  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  FakeTime(Instant start) {
    this.now = start;
  }

  FakeTime() {
    this(Instant.parse("2024-05-01T00:00:00Z"));
  }

  @Override
  public synchronized void sleep(Duration duration) {
    if (!duration.isNegative()) {
      now = now.plus(duration);
      sleeps.add(duration);
    }
  }

  synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  synchronized Duration totalSlept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
