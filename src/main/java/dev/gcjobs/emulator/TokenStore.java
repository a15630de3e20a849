package dev.gcjobs.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens issued by {@code /oauth/token}, each valid for the configured lifetime, or, when
 * early revocation is configured, until that long after its first use, whichever comes first.
 */
final class TokenStore {
  /** {@code used}: the token was used, so its early revocation is already counted down. */
  private record Issued(String clientId, Instant expiresAt, boolean used) {}

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration ttl;
  private final Optional<Duration> revokedAfterUse;

  TokenStore(Clock clock, Duration ttl, Optional<Duration> revokedAfterUse) {
    this.clock = clock;
    this.ttl = ttl;
    this.revokedAfterUse = revokedAfterUse;
  }

  /** Issues a new token for the client. */
  String issue(String clientId) {
    Instant now = clock.instant();
    tokens.values().removeIf(t -> !now.isBefore(t.expiresAt())); // keeps the map small
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tokens.put(token, new Issued(clientId, now.plus(ttl), false));
    return token;
  }

  /** The client a token was issued to, while the token has not expired (nor been revoked). */
  Optional<String> clientOf(String token) {
    Instant now = clock.instant();
    Issued issued = tokens.get(token);
    if (issued == null || !now.isBefore(issued.expiresAt())) {
      return Optional.empty();
    }
    revokedAfterUse.ifPresent(
        after ->
            tokens.computeIfPresent(
                token,
                (t, i) -> {
                  // The first use starts the countdown; later uses leave it running.
                  if (i.used()) {
                    return i;
                  }
                  Instant revoked = now.plus(after);
                  Instant ends = revoked.isBefore(i.expiresAt()) ? revoked : i.expiresAt();
                  return new Issued(i.clientId(), ends, true);
                }));
    return Optional.of(issued.clientId());
  }
}
