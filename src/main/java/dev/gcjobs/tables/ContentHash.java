package dev.gcjobs.tables;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 (lowercase hex) of a record's JSON as read: Genesys serves a record the same way each
 * time, so a reload of the same data is seen as unchanged; the emulator's ground truth hashes
 * records the same way. Hashing the text, not a canonical form of it, spares parsing the record.
 */
final class ContentHash {
  private ContentHash() {}

  static String of(String json) {
    return HexFormat.of().formatHex(sha256().digest(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** A new SHA-256 digest. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
