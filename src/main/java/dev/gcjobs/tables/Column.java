package dev.gcjobs.tables;

import java.util.Locale;

/**
 * One column of a {@link Table}: its name, SQL type, where its value comes from and whether it is
 * part of the table's key.
 *
 * @param name the column's name, snake_case
 * @param type its SQL type
 * @param source where the flattener reads its value
 * @param path for {@link Source#FIELD}, the JSON field inside the table's element (dots go into
 *     nested objects); for the other sources a short description for the docs
 * @param key whether the column is part of the table's key
 */
public record Column(String name, ColumnType type, Source source, String path, boolean key) {
  /** Where a column's value comes from. */
  public enum Source {
    /** A field of the table's JSON element. */
    FIELD,
    /** The column of the same name in the parent table's row. */
    PARENT,
    /** The element's position in its array, from 0. */
    POSITION,
    /** The element itself, for an array of strings. */
    ELEMENT,
    /** The name of an entry, for a JSON object read as name-value pairs. */
    ENTRY_NAME,
    /** The value of an entry, for a JSON object read as name-value pairs. */
    ENTRY_VALUE,
    /** The whole record as JSON. */
    RAW,
    /** The SHA-256 of the record's canonical JSON. */
    CONTENT_HASH,
    /** Set by the destination when a record is loaded, changed or found gone. */
    LOAD_TIME;

    /** Whether the flattener supplies the value (the destination sets {@link #LOAD_TIME}). */
    public boolean flattened() {
      return this != LOAD_TIME;
    }
  }

  /** A column read from a JSON field, named after it in snake_case. */
  static Column field(String path, ColumnType type) {
    return new Column(snakeCase(path), type, Source.FIELD, path, false);
  }

  /** As {@link #field(String, ColumnType)}, with a name of its own. */
  static Column field(String name, String path, ColumnType type) {
    return new Column(name, type, Source.FIELD, path, false);
  }

  static Column parent(String name) {
    return new Column(name, ColumnType.TEXT, Source.PARENT, "the parent row's " + name, true);
  }

  static Column position() {
    return new Column(
        "position", ColumnType.INTEGER, Source.POSITION, "position in the array", true);
  }

  static Column loadTime(String name, String meaning) {
    return new Column(name, ColumnType.TIMESTAMPTZ, Source.LOAD_TIME, meaning, false);
  }

  /** The same column, part of the key. */
  Column asKey() {
    return new Column(name, type, source, path, true);
  }

  /** The same column, not part of the key. */
  Column notKey() {
    return new Column(name, type, source, path, false);
  }

  /**
   * {@code conversationStart} → {@code conversation_start}; {@code flow.flowId} → {@code
   * flow_flow_id}.
   */
  static String snakeCase(String jsonName) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < jsonName.length(); i++) {
      char c = jsonName.charAt(i);
      if (c == '.') {
        out.append('_');
      } else if (Character.isUpperCase(c)) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
