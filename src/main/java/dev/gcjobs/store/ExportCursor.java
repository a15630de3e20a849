package dev.gcjobs.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a page of {@link ExportRepository#list} ended: the (createdAt, id) of its last export.
 * {@link #token()} is an opaque string for HTTP clients; {@link #parse(String)} reads it back.
 *
 * @param createdAt the last listed export's creation time
 * @param id the last listed export's id
 */
public record ExportCursor(Instant createdAt, String id) {
  /** Validates and truncates to milliseconds. */
  public ExportCursor {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
    createdAt = EpochMillis.truncate(createdAt);
  }

  /** The cursor as an opaque URL-safe token. */
  public String token() {
    String plain = createdAt.toEpochMilli() + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a token made by {@link #token()}.
   *
   * @throws IllegalArgumentException when the token was not made by {@link #token()}
   */
  public static ExportCursor parse(String token) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      return new ExportCursor(
          Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
          plain.substring(colon + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid page cursor '" + token + "': pass the 'next' value of the previous page", e);
    }
  }
}
