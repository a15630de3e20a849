package dev.gcjobs.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration flag: a number with a unit ({@code 500ms}, {@code 3s}, {@code 5m}, {@code 2h},
 * {@code 1d}), a plain number of seconds ({@code 90}) or ISO-8601 ({@code PT1M30S}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long amount =
          Long.parseLong(
              Character.isDigit(v.charAt(v.length() - 1)) ? v : v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> Duration.ofSeconds(amount);
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a duration; write e.g. 500ms, 3s, 5m, 2h, 1d, 90 (seconds) or PT1M30S");
    }
  }
}
