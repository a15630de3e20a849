package dev.gcjobs.genesys;

import java.time.Instant;

/**
 * An OAuth access token and when it stops being used. {@link #toString()} never shows the value.
 *
 * @param value the bearer token
 * @param expiresAt when Genesys stops accepting it
 * @param refreshAt when {@link TokenSource} fetches the next one (a little before {@code
 *     expiresAt})
 * @param issuedAt when it was fetched: a token refused moments later is an authentication failure,
 *     one refused after a while was revoked or expired early
 */
public record AccessToken(String value, Instant expiresAt, Instant refreshAt, Instant issuedAt) {

  /** Masks the token value. */
  @Override
  public String toString() {
    return "AccessToken[value=****, expiresAt="
        + expiresAt
        + ", refreshAt="
        + refreshAt
        + ", issuedAt="
        + issuedAt
        + "]";
  }
}
