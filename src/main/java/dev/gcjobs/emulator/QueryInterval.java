package dev.gcjobs.emulator;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The ISO-8601 {@code interval} of a detail query, {@code start/end}, half-open, in epoch millis.
 * Each side is a date-time with {@code Z} or an offset (a side without one is read as UTC); the end
 * may also be a duration ({@code 2024-01-01T00:00:00Z/P1D}).
 */
record QueryInterval(long start, long end) {
  static final String EXPECTED_FORM =
      "an ISO-8601 interval 'start/end' such as"
          + " 2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z (UTC 'Z' or an offset like +02:00)";

  /** Parses {@code text}; the error names {@code field} and the expected form. */
  static QueryInterval parse(String text, String field) {
    String[] sides = text.split("/", -1);
    if (sides.length != 2) {
      throw ApiError.badRequest(
          field + " '" + text + "' is not valid: expected " + EXPECTED_FORM + ".");
    }
    long start = instant(sides[0].trim(), text, field);
    long end =
        sides[1].trim().startsWith("P")
            ? start + duration(sides[1].trim(), text, field)
            : instant(sides[1].trim(), text, field);
    if (end < start) {
      throw ApiError.badRequest(
          field + " '" + text + "' ends before it starts: the end must be after the start.");
    }
    if (end == start) {
      throw ApiError.badRequest(
          field + " '" + text + "' is empty: the end must be after the start.");
    }
    return new QueryInterval(start, end);
  }

  long lengthMillis() {
    return end - start;
  }

  @Override
  public String toString() {
    return IsoMillis.format(start) + "/" + IsoMillis.format(end);
  }

  private static long instant(String side, String text, String field) {
    try {
      return parseInstant(side, field);
    } catch (ApiError e) {
      throw ApiError.badRequest(
          field
              + " '"
              + text
              + "' has an invalid date '"
              + side
              + "': expected "
              + EXPECTED_FORM
              + ".");
    }
  }

  private static long duration(String side, String text, String field) {
    try {
      return Duration.parse(side).toMillis();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw ApiError.badRequest(
          field
              + " '"
              + text
              + "' has an invalid duration '"
              + side
              + "': expected "
              + EXPECTED_FORM
              + ", or a duration such as P1D as the end.");
    }
  }

  /** Parses one ISO-8601 date-time (offset optional, UTC by default) to epoch millis. */
  static long parseInstant(String text, String field) {
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw ApiError.badRequest(
            field
                + " '"
                + text
                + "' is not an ISO-8601 date-time such as"
                + " 2024-01-01T00:00:00.000Z.");
      }
    }
  }
}
