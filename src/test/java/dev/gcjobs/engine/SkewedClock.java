package dev.gcjobs.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock plus an offset a test can push forward, to make time pass at once. */
final class SkewedClock extends Clock {
  private volatile Duration skew = Duration.ZERO;

  void skip(Duration d) {
    skew = skew.plus(d);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(skew);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
