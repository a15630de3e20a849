package dev.gcjobs.genesys;

import java.time.Instant;

/**
 * An OAuth access token and when it stops being used. {@link #toString()} never shows the value.
 *
 * @param value the bearer token
 * @param expiresAt when Genesys stops accepting it
 * @param refreshAt when {@link TokenSource} fetches the next one (a little before {@code
 *     expiresAt})
 */
public record AccessToken(String value, Instant expiresAt, Instant refreshAt) {

  /** Masks the token value. */
  @Override
  public String toString() {
    return "AccessToken[value=****, expiresAt=" + expiresAt + ", refreshAt=" + refreshAt + "]";
  }
}
