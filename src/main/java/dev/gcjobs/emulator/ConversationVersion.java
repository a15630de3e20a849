package dev.gcjobs.emulator;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What the data lake holds of one conversation as of some availability instant, for comparing a
 * copy with it.
 *
 * @param conversationId the conversation
 * @param version 1 as first written, 2 once revised by reprocessing
 * @param hash SHA-256 (hex) of the record's JSON exactly as a job serves it; null when deleted
 * @param inProgress the record has no {@code conversationEnd} yet
 * @param deletedAt when the lake deleted it, or null while it holds it
 */
public record ConversationVersion(
    String conversationId, int version, String hash, boolean inProgress, Instant deletedAt) {

  /** Whether the lake has deleted the conversation. */
  public boolean deleted() {
    return deletedAt != null;
  }

  static ConversationVersion of(EmulatedRecord record) {
    return new ConversationVersion(
        record.id(), record.version(), sha256(record.json()), record.end() == null, null);
  }

  static ConversationVersion of(DeletedRecord deleted) {
    return new ConversationVersion(
        deleted.id(), deleted.version(), null, false, deleted.deletedAt());
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
