package dev.gcjobs.tables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads NDJSON lines into records, flattened ({@link FlatRecord}) or only checked ({@link
 * JsonRecord}): the kind is the one given or the first record's, blank lines are skipped, and a
 * line that is not a record of that kind is an error naming it. Not thread-safe.
 */
final class RecordReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedReader lines;
  private final String source;
  private final UnknownFields unknown = new UnknownFields();
  private RecordKind kind;
  private Flattener flattener;
  private RecordScan scan;
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
   * The next record flattened, or null at the end.
   *
   * @throws TablesException (subject {@code INPUT}) for a line that is not a record of the kind
   */
  FlatRecord nextFlat() throws IOException {
    String line = nextLine();
    if (line == null) {
      return null;
    }
    JsonNode record = parse(line);
    RecordKind found = RecordKind.of(record);
    if (found != kind) {
      throw notOfKind();
    }
    if (flattener == null) {
      flattener = new Flattener(TableMapping.of(kind), unknown);
    }
    FlatRecord flat;
    try {
      flat = flattener.flatten(record, line);
    } catch (IllegalArgumentException e) {
      throw input(e.getMessage(), e);
    }
    checkId(flat.id());
    return flat;
  }

  /**
   * The next record checked but not flattened, or null at the end.
   *
   * @throws TablesException (subject {@code INPUT}) for a line that is not a record of the kind
   */
  JsonRecord nextJson() throws IOException {
    String line = nextLine();
    if (line == null) {
      return null;
    }
    if (scan == null) {
      scan = new RecordScan(TableMapping.of(kind), unknown);
    }
    String id;
    try {
      id = scan.scan(line);
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (IllegalArgumentException e) {
      throw input(e.getMessage(), e);
    }
    if (id == null) {
      throw notOfKind();
    }
    checkId(id);
    return new JsonRecord(id, ContentHash.of(line), line, scan.seen(), scan.drops());
  }

  /** The next line that is not blank, or null; the first one tells the kind if none was given. */
  private String nextLine() throws IOException {
    for (lineNumber++; ; lineNumber++) { // the number of the line being read, for messages
      String line = lines.readLine();
      if (line == null) {
        return null;
      }
      if (line.isBlank()) {
        continue;
      }
      if (kind == null) {
        kind = RecordKind.of(parse(line));
        if (kind == null) {
          throw input("neither a conversation (conversationId) nor a user record (userId)", null);
        }
      }
      return line;
    }
  }

  /**
   * Refuses an id with the character U+0000, which PostgreSQL cannot hold as it is: the record
   * could not be matched with its rows there. Genesys' ids are UUIDs.
   */
  private void checkId(String id) {
    if (id.indexOf('\0') >= 0) {
      throw input("its " + kind.idField() + " holds the character U+0000, which no id has", null);
    }
  }

  /** The line being read did not fit in memory. */
  TablesException tooLarge(OutOfMemoryError e) {
    return input(
        "too large for the memory given (is the file NDJSON, one record per line? If so, give"
            + " more: GCJOBS_JAVA_OPTS=-Xmx4g)",
        e);
  }

  private TablesException notOfKind() {
    return input("not a " + kind.cliName() + " record (it has no " + kind.idField() + ")", null);
  }

  /** The number of the line read last, or being read. */
  long lineNumber() {
    return lineNumber;
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
      throw notJson(e);
    }
    if (record == null || !record.isObject()) {
      throw input("not a JSON object", null);
    }
    return record;
  }

  private TablesException notJson(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) { // JSON, but beyond what the parser is let read
      return input(
          "a record too large or nested too deep to read ("
              + e.getOriginalMessage().replaceAll(", from `[^`]*`\\)", ")")
              + ")",
          e);
    }
    String why = e.getOriginalMessage().lines().findFirst().orElse("");
    int where = why.indexOf(" (start marker at"); // Jackson's own location, not the file's
    return input("not JSON (" + (where < 0 ? why : why.substring(0, where)) + ")", e);
  }

  private TablesException input(String what, Throwable cause) {
    return new TablesException(
        TablesException.Subject.INPUT, source + ": line " + lineNumber + ": " + what, cause);
  }
}
