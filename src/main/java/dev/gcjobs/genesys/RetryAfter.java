package dev.gcjobs.genesys;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a {@code Retry-After} header: delay seconds (what Genesys sends) or an HTTP date. */
final class RetryAfter {
  private RetryAfter() {}

  /** The wait the header asks for (zero if in the past), or null when absent or unreadable. */
  static Duration from(HttpHeaders headers, Instant now) {
    String value = headers.firstValue("Retry-After").map(String::strip).orElse("");
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      // RFC 9110 also allows an HTTP date.
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }
}
