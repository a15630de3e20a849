package dev.gcjobs.tables;

import java.time.Instant;

/** Rows in PostgreSQL's {@code COPY} text format: tab-separated, {@code \N} for null. */
final class CopyText {
  private CopyText() {}

  static void row(Object[] row, StringBuilder out) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      value(row[i], out);
    }
    out.append('\n');
  }

  private static void value(Object value, StringBuilder out) {
    if (value == null) {
      out.append("\\N");
    } else if (value instanceof String s) {
      escaped(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b ? 't' : 'f');
    } else if (value instanceof Instant instant) {
      out.append(instant);
    } else {
      out.append(value); // numbers
    }
  }

  private static void escaped(String s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
  }
}
