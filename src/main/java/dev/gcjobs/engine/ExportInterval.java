package dev.gcjobs.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A half-open time interval {@code [start, end)} with millisecond precision, the unit of Genesys
 * analytics intervals. Build one from user text with {@link IntervalParser}.
 *
 * @param start the first instant included
 * @param end the first instant not included; strictly after {@code start}
 */
public record ExportInterval(Instant start, Instant end) {
  // The wire form writes four-digit years, and Genesys Cloud holds no data before the epoch.
  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private static final DateTimeFormatter WIRE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * @throws InvalidRequest (field {@code interval}) when the interval is reversed, empty, finer
   *     than a millisecond or outside the years 1970 to 9999
   */
  public ExportInterval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new InvalidRequest(
          "interval",
          "the interval is reversed: it ends ("
              + end
              + ") before it starts ("
              + start
              + "); swap the two ends.");
    }
    if (end.equals(start)) {
      throw new InvalidRequest(
          "interval",
          "the interval is empty: it starts and ends at "
              + start
              + " and its end is exclusive; to export one day, write for example"
              + " 2024-01-01/2024-01-02.");
    }
    if (!truncated(start).equals(start) || !truncated(end).equals(end)) {
      throw new InvalidRequest(
          "interval",
          "the interval is finer than a millisecond ("
              + start
              + "/"
              + end
              + "); Genesys intervals have millisecond precision, so give at most three"
              + " fractional digits.");
    }
    if (start.isBefore(EARLIEST) || end.isAfter(LATEST)) {
      throw new InvalidRequest(
          "interval",
          "the interval "
              + start
              + "/"
              + end
              + " lies outside the years 1970 to 9999; check the dates.");
    }
  }

  /** The interval's length. */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /** Whether {@code start <= instant < end}. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /**
   * The interval as Genesys expects it in a query body: UTC, milliseconds, e.g. {@code
   * 2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z}.
   */
  public String toWireString() {
    return WIRE.format(start) + "/" + WIRE.format(end);
  }

  private static Instant truncated(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
