package dev.gcjobs.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page cursors: a payload (a byte offset, the engine's listing cursor) and a truncated
 * HMAC-SHA256 over it and its scope (which export, which listing), in base64url. A cursor that was
 * changed, made up or taken from another export fails to decode; the secret lives in the state
 * directory so cursors stay valid across restarts. Thread-safe.
 */
final class CursorCodec {
  private static final int SECRET_BYTES = 32;
  private static final int MAC_BYTES = 16;
  // Far more than any cursor this service makes; longer input is rejected before decoding.
  private static final int MAX_TOKEN_LENGTH = 2048;
  private static final String SECRET_FILE = "cursor-secret";

  private final SecretKeySpec secret;

  CursorCodec(byte[] secret) {
    this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /** The codec whose secret is in {@code stateDir/cursor-secret}, made on first use. */
  static CursorCodec forStateDir(Path stateDir) {
    Path file = stateDir.resolve(SECRET_FILE);
    try {
      Files.createDirectories(stateDir);
      if (!Files.exists(file)) {
        byte[] fresh = new byte[SECRET_BYTES];
        new SecureRandom().nextBytes(fresh);
        Path temporary = Files.createTempFile(stateDir, ".cursor-secret", ".tmp");
        try {
          Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not POSIX: the directory's ACLs decide.
        }
        Files.write(temporary, fresh);
        try {
          Files.move(temporary, file);
        } catch (FileAlreadyExistsException e) {
          // Another process made it first; use theirs.
          Files.delete(temporary);
        }
      }
      byte[] stored = Files.readAllBytes(file);
      if (stored.length != SECRET_BYTES) {
        throw new IOException("it holds " + stored.length + " bytes, not " + SECRET_BYTES);
      }
      return new CursorCodec(stored);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or make the cursor secret " + file, e);
    }
  }

  /** A cursor for a byte offset within this scope. */
  String encodeOffset(String scope, long offset) {
    return encode(scope, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
  }

  /**
   * The byte offset a cursor of this scope holds.
   *
   * @throws ApiError 400 {@code invalid_cursor} (field {@code cursor}) when it is not one
   */
  long decodeOffset(String scope, String token) {
    byte[] payload = decode(scope, token);
    if (payload.length != Long.BYTES) {
      throw invalid();
    }
    long offset = ByteBuffer.wrap(payload).getLong();
    if (offset < 0) {
      throw invalid();
    }
    return offset;
  }

  /** A cursor wrapping text (the engine's own cursor) within this scope. */
  String encodeText(String scope, String text) {
    return encode(scope, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The text a cursor of this scope wraps.
   *
   * @throws ApiError 400 {@code invalid_cursor} (field {@code cursor}) when it is not one
   */
  String decodeText(String scope, String token) {
    return new String(decode(scope, token), StandardCharsets.UTF_8);
  }

  private String encode(String scope, byte[] payload) {
    byte[] token = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(mac(scope, payload), 0, token, payload.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  private byte[] decode(String scope, String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      throw invalid();
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (raw.length < MAC_BYTES) {
      throw invalid();
    }
    byte[] payload = Arrays.copyOf(raw, raw.length - MAC_BYTES);
    byte[] expected = Arrays.copyOf(mac(scope, payload), MAC_BYTES);
    byte[] given = Arrays.copyOfRange(raw, payload.length, raw.length);
    if (!MessageDigest.isEqual(expected, given)) {
      throw invalid();
    }
    return payload;
  }

  private byte[] mac(String scope, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      mac.update(scope.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
  }

  private static ApiError invalid() {
    return ApiError.badRequest(
        "invalid_cursor",
        "cursor",
        "the cursor is not one this service gave out for this listing; pass the nextCursor of"
            + " the previous page unchanged, or leave cursor out to start from the first page.");
  }
}
