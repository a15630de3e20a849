package dev.gcjobs.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Decides which chunk writes a record, so that every record is written exactly once across the
 * chunks of an export without any shared state.
 *
 * <p>Conversations: a Genesys job returns every conversation whose lifetime overlaps its interval,
 * so a conversation spanning two chunks arrives in both. It is written only by the chunk that
 * contains {@code max(conversationStart, exportStart)}: the chunk where it starts, or the first
 * chunk for a conversation that started before the export. That chunk always receives it (the
 * conversation is active at that instant), and no other chunk contains that instant. A conversation
 * starting at or after the export's end is written by no chunk: it belongs to the next export. A
 * record without a readable top-level {@code conversationStart} raises {@link
 * UnownableRecordException}: no rule could place it without risking a duplicate or a loss.
 *
 * <p>Users: user-detail records describe one user within one chunk's interval, so each chunk's
 * records are all kept.
 *
 * <p>Immutable and thread-safe.
 */
public final class Ownership {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String START_FIELD = "conversationStart";
  private static final String ID_FIELD = "conversationId";

  private final ExportKind kind;

  private Ownership(ExportKind kind) {
    this.kind = kind;
  }

  /** The ownership rule for records of {@code kind}. */
  public static Ownership forKind(ExportKind kind) {
    return new Ownership(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * Whether {@code chunk} writes the record {@code recordJson} (the record's JSON object, exactly
   * as Genesys sent it). Reads only as far as the top-level {@code conversationStart} field.
   *
   * @param chunk the chunk whose job returned the record
   * @param exportStart the start of the whole export interval
   * @throws UnownableRecordException for a conversation without a readable {@code
   *     conversationStart}
   */
  public boolean owns(ChunkSpec chunk, Instant exportStart, byte[] recordJson) {
    if (kind == ExportKind.USERS) {
      return true;
    }
    Instant start = conversationStart(recordJson);
    return chunk.contains(start.isBefore(exportStart) ? exportStart : start);
  }

  /**
   * The top-level {@code conversationStart} of a conversation record.
   *
   * @throws UnownableRecordException when it is missing, null, not a date-time, or the bytes are
   *     not a JSON object
   */
  static Instant conversationStart(byte[] recordJson) {
    String text = topLevelString(recordJson, START_FIELD);
    if (text == null) {
      throw new UnownableRecordException(
          topLevelStringOrNull(recordJson, ID_FIELD), "has no top-level conversationStart");
    }
    try {
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    } catch (DateTimeException e) {
      throw new UnownableRecordException(
          topLevelStringOrNull(recordJson, ID_FIELD),
          "has an unreadable conversationStart \"" + text + "\"");
    }
  }

  /** The string value of a top-level field; null when absent or not a string. */
  private static String topLevelString(byte[] json, String field) {
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new UnownableRecordException(null, "is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean wanted = field.equals(parser.currentName());
        JsonToken value = parser.nextToken();
        if (wanted) {
          return value == JsonToken.VALUE_STRING ? parser.getText() : null;
        }
        // Nested objects (participants, sessions...) are skipped whole: only the top level counts.
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      throw new UnownableRecordException(null, "is not valid JSON");
    }
  }

  private static String topLevelStringOrNull(byte[] json, String field) {
    try {
      return topLevelString(json, field);
    } catch (UnownableRecordException e) {
      return null;
    }
  }
}
