package dev.gcjobs.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens issued by {@code /oauth/token}, each valid for the configured lifetime. */
final class TokenStore {
  private record Issued(String clientId, Instant expiresAt) {}

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration ttl;

  TokenStore(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Issues a new token for the client. */
  String issue(String clientId) {
    Instant now = clock.instant();
    tokens.values().removeIf(t -> !now.isBefore(t.expiresAt())); // keeps the map small
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tokens.put(token, new Issued(clientId, now.plus(ttl)));
    return token;
  }

  /** The client a token was issued to, while the token has not expired. */
  Optional<String> clientOf(String token) {
    Issued issued = tokens.get(token);
    if (issued == null || !clock.instant().isBefore(issued.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(issued.clientId());
  }
}
