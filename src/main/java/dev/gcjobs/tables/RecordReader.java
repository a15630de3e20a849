package dev.gcjobs.tables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads NDJSON lines and flattens each into a {@link FlatRecord}: the kind is the one given or the
 * first record's, blank lines are skipped, and a line that is not a record of that kind is an error
 * naming it. Not thread-safe.
 */
final class RecordReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedReader lines;
  private final String source;
  private final UnknownFields unknown = new UnknownFields();
  private RecordKind kind;
  private Flattener flattener;
  private long lineNumber;

  /**
   * @param source names the input in messages
   * @param kind the kind of the records, or null to tell from the first one
   */
  RecordReader(BufferedReader lines, String source, RecordKind kind) {
    this.lines = lines;
    this.source = source;
    this.kind = kind;
  }

  /**
   * The next record, or null at the end.
   *
   * @throws TablesException (subject {@code INPUT}) for a line that is not a record of the kind
   */
  FlatRecord next() throws IOException {
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode record = parse(line);
      RecordKind found = RecordKind.of(record);
      if (flattener == null) {
        kind = kind != null ? kind : found;
        if (kind == null) {
          throw input("neither a conversation (conversationId) nor a user record (userId)", null);
        }
        flattener = new Flattener(TableMapping.of(kind), unknown);
      }
      if (found != kind) {
        throw input("not a " + kind.cliName() + " record (it has no " + kind.idField() + ")", null);
      }
      try {
        return flattener.flatten(record, line);
      } catch (IllegalArgumentException e) {
        throw input(e.getMessage(), e);
      }
    }
    return null;
  }

  /** The kind of the records read, once one was. */
  RecordKind kind() {
    return kind;
  }

  UnknownFields unknownFields() {
    return unknown;
  }

  private JsonNode parse(String line) {
    JsonNode record;
    try {
      record = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw input("not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
    }
    if (record == null || !record.isObject()) {
      throw input("not a JSON object", null);
    }
    return record;
  }

  private TablesException input(String what, Throwable cause) {
    return new TablesException(
        TablesException.Subject.INPUT, source + ": line " + lineNumber + ": " + what, cause);
  }
}
