package dev.gcjobs.engine;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the interval a user asks for. Accepted forms (ISO-8601):
 *
 * <ul>
 *   <li>dates: {@code 2024-01-01/2024-02-01}, each the start of that day, the end exclusive;
 *   <li>date-times: {@code 2024-01-01T00:00:00Z/2024-02-01T00:00:00Z}, with {@code Z}, an offset
 *       ({@code +01:00}), a zone ({@code [Europe/Paris]}) or none;
 *   <li>a start or end and a duration: {@code 2024-01-01T00:00Z/PT6H}, {@code P1D/2024-02-01}; the
 *       duration may have calendar parts ({@code P1M}, {@code P1DT12H}), counted in the zone.
 * </ul>
 *
 * Text without an offset is read in the given zone (UTC by default). An end is always exclusive.
 * Stateless and thread-safe.
 */
public final class IntervalParser {
  /** How the accepted forms are explained in every error message. */
  public static final String ACCEPTED_FORMS =
      "Accepted forms: 2024-01-01/2024-02-01 (dates, end exclusive);"
          + " 2024-01-01T00:00:00Z/2024-02-01T00:00:00Z (date-times with Z or an offset such as"
          + " +01:00, or none: then the zone option, UTC by default);"
          + " 2024-01-01T00:00:00Z/PT6H or P1D/2024-02-01 (an ISO-8601 duration on one side);"
          + " 2024-01-01/available (up to Genesys' data availability when the export is planned).";

  /** An interval's end written as this is Genesys' data availability when the export is planned. */
  public static final String AVAILABLE = "available";

  private IntervalParser() {}

  /** Whether {@code text}'s end is written {@link #AVAILABLE}. */
  public static boolean endsAtAvailable(String text) {
    if (text == null) {
      return false;
    }
    String[] sides = text.strip().split("/", -1);
    return sides.length == 2 && sides[1].strip().equalsIgnoreCase(AVAILABLE);
  }

  /**
   * {@code text} with an end written {@link #AVAILABLE} replaced by the availability {@code
   * availability} gives (asked only then); other texts as they are.
   *
   * @throws InvalidRequest (field {@code interval}) when the end is {@link #AVAILABLE} and the
   *     availability is not known
   */
  static String resolveAvailable(String text, Supplier<Optional<Instant>> availability) {
    if (!endsAtAvailable(text)) {
      return text;
    }
    Instant available =
        availability
            .get()
            .orElseThrow(
                () ->
                    invalid(
                        "the interval ends at \""
                            + AVAILABLE
                            + "\", Genesys' data availability, which is not known here; write the"
                            + " end out."));
    // Genesys intervals have millisecond precision.
    return text.strip().split("/", -1)[0] + "/" + available.truncatedTo(ChronoUnit.MILLIS);
  }

  /** Reads {@code text} with dates and offset-less date-times in UTC. */
  public static ExportInterval parse(String text) {
    return parse(text, ZoneOffset.UTC);
  }

  /**
   * Reads {@code text}, taking dates and date-times without an offset in {@code zone}; an offset or
   * zone written in the text wins.
   *
   * @throws InvalidRequest (field {@code interval}) when the text is missing, unreadable, reversed
   *     or empty
   */
  public static ExportInterval parse(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      throw invalid("the interval is missing. " + ACCEPTED_FORMS);
    }
    String trimmed = text.strip();
    String[] sides = trimmed.split("/", -1);
    if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
      throw invalid(
          "cannot read interval \""
              + trimmed
              + "\": it must be a start and an end separated by one '/'. "
              + ACCEPTED_FORMS);
    }
    boolean startIsDuration = isDuration(sides[0]);
    boolean endIsDuration = isDuration(sides[1]);
    if (startIsDuration && endIsDuration) {
      throw invalid(
          "cannot read interval \""
              + trimmed
              + "\": both sides are durations; one side must be a date or date-time. "
              + ACCEPTED_FORMS);
    }
    ZonedDateTime start;
    ZonedDateTime end;
    if (startIsDuration) {
      end = time(sides[1], "end", trimmed, zone);
      start = minus(end, duration(sides[0], trimmed), trimmed);
    } else if (endIsDuration) {
      start = time(sides[0], "start", trimmed, zone);
      end = plus(start, duration(sides[1], trimmed), trimmed);
    } else {
      start = time(sides[0], "start", trimmed, zone);
      end = time(sides[1], "end", trimmed, zone);
    }
    return new ExportInterval(start.toInstant(), end.toInstant());
  }

  /**
   * Reads a zone name such as {@code Europe/Paris}, {@code UTC} or {@code +02:00}.
   *
   * @throws InvalidRequest (field {@code zone}) when the name is unknown
   */
  public static ZoneId parseZone(String name) {
    try {
      return ZoneId.of(name.strip());
    } catch (DateTimeException | NullPointerException e) {
      throw new InvalidRequest(
          "zone",
          "unknown time zone \""
              + name
              + "\"; give a region such as Europe/Paris or America/New_York, UTC, or an offset"
              + " such as +02:00.");
    }
  }

  private static boolean isDuration(String side) {
    String s = side.strip();
    return s.startsWith("P") || s.startsWith("p");
  }

  private static ZonedDateTime time(String side, String which, String text, ZoneId zone) {
    String s = side.strip();
    try {
      if (s.indexOf('T') < 0 && s.indexOf('t') < 0) {
        return LocalDate.parse(s).atStartOfDay(zone);
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(s);
      if (parsed.query(TemporalQueries.zone()) != null) {
        return ZonedDateTime.from(parsed);
      }
      return LocalDateTime.from(parsed).atZone(zone);
    } catch (DateTimeException e) {
      throw invalid(
          "cannot read the "
              + which
              + " \""
              + s
              + "\" of interval \""
              + text
              + "\": it is not a date, a date-time or a duration. "
              + ACCEPTED_FORMS);
    }
  }

  /** An ISO-8601 duration split into its calendar part (years to days) and its clock part. */
  private record CalendarDuration(Period period, Duration time) {}

  private static CalendarDuration duration(String side, String text) {
    String s = side.strip().toUpperCase(Locale.ROOT);
    int t = s.indexOf('T');
    // java.time splits ISO-8601 durations in two: Period (years..days), Duration (hours..seconds).
    String datePart = t < 0 ? s : s.substring(0, t);
    String timePart = t < 0 ? null : "P" + s.substring(t);
    try {
      if (s.equals("P")) {
        throw new DateTimeParseException("a duration needs at least one part", s, 0);
      }
      Period period = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
      Duration time = timePart == null ? Duration.ZERO : Duration.parse(timePart);
      if (period.isNegative() || time.isNegative()) {
        throw invalid(
            "the duration \""
                + side.strip()
                + "\" of interval \""
                + text
                + "\" is negative; write the earlier time first.");
      }
      return new CalendarDuration(period, time);
    } catch (DateTimeParseException e) {
      throw invalid(
          "cannot read the duration \""
              + side.strip()
              + "\" of interval \""
              + text
              + "\"; write it like PT6H, P1D, P1DT12H or P1M. "
              + ACCEPTED_FORMS);
    }
  }

  private static ZonedDateTime plus(ZonedDateTime time, CalendarDuration d, String text) {
    try {
      return time.plus(d.period()).plus(d.time());
    } catch (DateTimeException | ArithmeticException e) {
      throw outOfRange(text);
    }
  }

  private static ZonedDateTime minus(ZonedDateTime time, CalendarDuration d, String text) {
    try {
      return time.minus(d.period()).minus(d.time());
    } catch (DateTimeException | ArithmeticException e) {
      throw outOfRange(text);
    }
  }

  private static InvalidRequest outOfRange(String text) {
    return invalid(
        "the duration in interval \"" + text + "\" reaches beyond the years 1970 to 9999.");
  }

  private static InvalidRequest invalid(String message) {
    return new InvalidRequest("interval", message);
  }
}
