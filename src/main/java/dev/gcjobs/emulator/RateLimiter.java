package dev.gcjobs.emulator;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per OAuth client, driven by the emulator's clock: {@code requestsPerMinute}
 * tokens, refilled evenly over a minute; each API request takes one.
 */
final class RateLimiter {
  /**
   * The outcome of one request, as reported in the {@code inin-ratelimit-*} headers.
   *
   * @param allowed whether the request may proceed
   * @param limit requests allowed per minute ({@code inin-ratelimit-allowed})
   * @param used tokens taken and not yet refilled ({@code inin-ratelimit-count})
   * @param resetSeconds seconds until the bucket is full again ({@code inin-ratelimit-reset})
   * @param retryAfterSeconds when refused: seconds until a token is available
   */
  record Decision(
      boolean allowed, int limit, int used, long resetSeconds, long retryAfterSeconds) {}

  private static final class Bucket {
    double tokens;
    long lastNanos;
  }

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Clock clock;
  private final int perMinute;
  private final double perNano;

  RateLimiter(Clock clock, int perMinute) {
    this.clock = clock;
    this.perMinute = perMinute;
    this.perNano = perMinute / 60e9;
  }

  Decision take(String clientId) {
    long now = nanos();
    Bucket bucket =
        buckets.computeIfAbsent(
            clientId,
            id -> {
              Bucket b = new Bucket();
              b.tokens = perMinute;
              b.lastNanos = now;
              return b;
            });
    synchronized (bucket) {
      bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.lastNanos) * perNano);
      bucket.lastNanos = Math.max(bucket.lastNanos, now);
      boolean allowed = bucket.tokens >= 1;
      if (allowed) {
        bucket.tokens -= 1;
      }
      int used = (int) Math.ceil(perMinute - bucket.tokens - 1e-9);
      long reset = seconds(perMinute - bucket.tokens);
      long retryAfter = allowed ? 0 : Math.max(1, seconds(1 - bucket.tokens));
      return new Decision(allowed, perMinute, used, reset, retryAfter);
    }
  }

  private long seconds(double missingTokens) {
    return (long) Math.ceil(missingTokens / perNano / 1e9 - 1e-9);
  }

  private long nanos() {
    var instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
