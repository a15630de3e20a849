package dev.gcjobs.genesys;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * The rate-limit state Genesys reports on each answer: {@code inin-ratelimit-allowed} (the limit),
 * {@code inin-ratelimit-count} (used so far in the window) and {@code inin-ratelimit-reset}
 * (seconds until the window resets).
 *
 * @param allowed requests allowed in the window
 * @param count requests counted in the window so far
 * @param reset time until the window resets
 */
public record RateLimitHeaders(long allowed, long count, Duration reset) {

  /** Requests still allowed in the window; negative when over the limit. */
  public long remaining() {
    return allowed - count;
  }

  /** Reads the three headers; empty when one is missing or not a number. */
  public static Optional<RateLimitHeaders> from(HttpHeaders headers) {
    Optional<Long> allowed = number(headers, "inin-ratelimit-allowed");
    Optional<Long> count = number(headers, "inin-ratelimit-count");
    Optional<Long> reset = number(headers, "inin-ratelimit-reset");
    if (allowed.isEmpty() || count.isEmpty() || reset.isEmpty() || allowed.get() <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new RateLimitHeaders(allowed.get(), count.get(), Duration.ofSeconds(reset.get())));
  }

  private static Optional<Long> number(HttpHeaders headers, String name) {
    try {
      return headers.firstValue(name).map(String::strip).map(Long::parseLong).filter(n -> n >= 0);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
