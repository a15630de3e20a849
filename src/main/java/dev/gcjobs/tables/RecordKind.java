package dev.gcjobs.tables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * What an export's records are. It decides the tables and how a record that changed updates its
 * child rows.
 */
public enum RecordKind {
  /**
   * Conversation details. A conversation record is whole: when it changes, its child rows are
   * replaced as a set, so rows Genesys dropped from it disappear too.
   */
  CONVERSATIONS("conversationId", true, "conversation_start", "conversation_end"),
  /**
   * User details. A user's record covers only the interval asked for, so its timeline rows are
   * upserted by key and those of other intervals stay.
   */
  USERS("userId", false, null, null);

  private final String idField;
  private final boolean replacesChildren;
  private final String startColumn;
  private final String endColumn;

  RecordKind(String idField, boolean replacesChildren, String startColumn, String endColumn) {
    this.idField = idField;
    this.replacesChildren = replacesChildren;
    this.startColumn = startColumn;
    this.endColumn = endColumn;
  }

  /**
   * The columns of the top-level table that say when a record lived, or null when its records have
   * no lifetime (a user's record is a view of an interval, never gone from Genesys).
   */
  String startColumn() {
    return startColumn;
  }

  /**
   * Whether an export holds each record once: a conversation is written by one chunk only (the
   * engine's ownership rule), while a user is described once per chunk that saw them.
   */
  boolean oncePerExport() {
    return this == CONVERSATIONS;
  }

  /** The end of a record's lifetime, null while it runs; see {@link #startColumn()}. */
  String endColumn() {
    return endColumn;
  }

  /** The JSON field that identifies a record. */
  public String idField() {
    return idField;
  }

  /** Whether a changed record replaces its child rows as a set (else upserts them by key). */
  public boolean replacesChildren() {
    return replacesChildren;
  }

  /** The name users write: {@code conversations}, {@code users}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of {@code record}, from the field that identifies it, or null if neither. */
  public static RecordKind of(JsonNode record) {
    if (record.hasNonNull(CONVERSATIONS.idField)) {
      return CONVERSATIONS;
    }
    if (record.hasNonNull(USERS.idField)
        && (record.has("primaryPresence") || record.has("routingStatus"))) {
      return USERS;
    }
    return null;
  }
}
