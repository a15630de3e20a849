package dev.gcjobs.emulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque results cursors: base64url of the job id, the offset of the next record and a MAC under a
 * key of this emulator instance, so a forged cursor, one of another job or one of another emulator
 * run is refused with 400.
 */
final class ResultCursor {
  private static final int MAC_BYTES = 12;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  ResultCursor() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    key = new SecretKeySpec(secret, ALGORITHM);
  }

  String encode(String jobId, int offset) {
    byte[] id = jobId.getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = ByteBuffer.allocate(4 + id.length + MAC_BYTES);
    payload.putInt(offset).put(id);
    payload.put(mac(payload.array(), 4 + id.length));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
  }

  /**
   * The offset a cursor points at.
   *
   * @throws ApiError 400 when the cursor is malformed, forged or belongs to another job
   */
  int decode(String jobId, String cursor) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid(cursor);
    }
    if (raw.length <= 4 + MAC_BYTES) {
      throw invalid(cursor);
    }
    int signedLength = raw.length - MAC_BYTES;
    byte[] expected = mac(raw, signedLength);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, signedLength, raw.length))) {
      throw invalid(cursor);
    }
    String owner = new String(raw, 4, signedLength - 4, StandardCharsets.UTF_8);
    if (!owner.equals(jobId)) {
      throw ApiError.badRequest(
          "cursor belongs to another job; use the cursor of a results page of job " + jobId);
    }
    return ByteBuffer.wrap(raw).getInt();
  }

  private byte[] mac(byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(data, 0, length);
      return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static ApiError invalid(String cursor) {
    String shown = cursor.length() > 40 ? cursor.substring(0, 40) + "..." : cursor;
    return ApiError.badRequest(
        "cursor '"
            + shown
            + "' is not valid; pass the cursor of the previous results page unchanged, or omit it"
            + " for the first page");
  }
}
