package dev.gcjobs.engine;

/**
 * A conversation record whose owning chunk cannot be decided because its top-level {@code
 * conversationStart} is missing or unreadable. Genesys always sends one; without it, writing the
 * record could duplicate it (several chunks receive it) or lose it (no chunk takes it), so the
 * export stops with this error instead of guessing.
 */
public final class UnownableRecordException extends RuntimeException {
  private final String conversationId;

  UnownableRecordException(String conversationId, String problem) {
    super(
        "conversation "
            + (conversationId == null ? "(no conversationId)" : conversationId)
            + " "
            + problem
            + ", so gcjobs cannot tell which chunk should write it; the export stops rather than"
            + " risk a duplicate or a lost record. Report this record to Genesys support.",
        null,
        false,
        false);
    this.conversationId = conversationId;
  }

  /** The record's top-level {@code conversationId}, or null when it has none either. */
  public String conversationId() {
    return conversationId;
  }
}
