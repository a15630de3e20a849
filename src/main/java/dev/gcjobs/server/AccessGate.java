package dev.gcjobs.server;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs before every route but the health checks: authenticates the API key (Bearer, or Basic with
 * the key as password) and spends one token of that key's request budget.
 */
final class AccessGate {
  /** Routes anyone may call: orchestrators probe them without credentials. */
  static final Set<String> OPEN_PATHS = Set.of("/health/live", "/health/ready");

  static final String CHALLENGE =
      "Bearer realm=\"gcjobs\", Basic realm=\"gcjobs\", charset=\"UTF-8\"";

  private static final String KEY_ID = "gcjobs.keyId";
  private static final String ANONYMOUS = "anonymous";
  // Longer than any key gcjobs makes or anyone types; hashing more is work for nothing.
  private static final int MAX_KEY_LENGTH = 512;

  private final ApiKeyVerifier keys;
  private final RateLimit limit;
  private final TimeMeter time;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param keys the accepted keys, or null when the service runs without authentication
   * @param limit each key's request budget
   * @param clock the time the budget refills by
   */
  AccessGate(ApiKeyVerifier keys, RateLimit limit, Clock clock) {
    this.keys = keys;
    this.limit = limit;
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
          }

          @Override
          public boolean isWallClockBased() {
            return true;
          }
        };
  }

  /** The id of the key that made the request, or {@code anonymous} without authentication. */
  static String keyId(Context ctx) {
    String id = ctx.attribute(KEY_ID);
    return id == null ? ANONYMOUS : id;
  }

  /** The before-handler: throws a 401 or 429 {@link ApiError} to stop the request. */
  void check(Context ctx) {
    if (OPEN_PATHS.contains(ctx.path())) {
      return;
    }
    String keyId = keys == null ? ANONYMOUS : authenticate(ctx.header("Authorization"));
    ctx.attribute(KEY_ID, keyId);
    Bucket bucket = buckets.computeIfAbsent(keyId, id -> newBucket());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      throw ApiError.of(
              429,
              "rate_limited",
              "this API key made more than "
                  + limit.requestsPerSecond()
                  + " requests a second; retry after "
                  + seconds
                  + " s.")
          .withHeader("Retry-After", Long.toString(seconds));
    }
  }

  private String authenticate(String authorization) {
    String key = presentedKey(authorization);
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw unauthorized("the API key is not valid.");
    }
    Optional<String> id = keys.identify(key);
    return id.orElseThrow(() -> unauthorized("the API key is not valid."));
  }

  private static String presentedKey(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw unauthorized(
          "an API key is required: send \"Authorization: Bearer KEY\", or Basic authentication"
              + " with the key as password.");
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
    String credentials = space < 0 ? "" : value.substring(space + 1).strip();
    switch (scheme) {
      case "bearer":
        return credentials;
      case "basic":
        String decoded;
        try {
          decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw unauthorized("the Basic credentials are not valid base64 of user:key.");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
          throw unauthorized(
              "the Basic credentials must be user:key (any user, the key as password).");
        }
        return decoded.substring(colon + 1);
      default:
        throw unauthorized(
            "the Authorization scheme must be Bearer (the key) or Basic (the key as password).");
    }
  }

  private static ApiError unauthorized(String message) {
    return ApiError.of(401, "unauthorized", message).withHeader("WWW-Authenticate", CHALLENGE);
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(limit.burst())
                .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1))
                .build())
        .withCustomTimePrecision(time)
        .build();
  }
}
