package dev.gcjobs.tables;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

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
      instant(instant, out);
    } else {
      out.append(value); // numbers
    }
  }

  /** Appends {@code s} with its backslashes and control characters escaped, in runs. */
  private static void escaped(String s, StringBuilder out) {
    int plain = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escape =
          switch (c) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> null;
          };
      if (escape != null) {
        out.append(s, plain, i).append(escape);
        plain = i + 1;
      }
    }
    if (plain == 0) {
      out.append(s);
    } else {
      out.append(s, plain, s.length());
    }
  }

  /**
   * Appends {@code at} in ISO 8601 in UTC, as {@link Instant#toString()} does for years 0 to 9999,
   * without the cost of a formatter: a load writes millions of them.
   */
  private static void instant(Instant at, StringBuilder out) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      out.append(at);
      return;
    }
    digits(t.getYear(), 4, out);
    digits(t.getMonthValue(), 2, out.append('-'));
    digits(t.getDayOfMonth(), 2, out.append('-'));
    digits(t.getHour(), 2, out.append('T'));
    digits(t.getMinute(), 2, out.append(':'));
    digits(t.getSecond(), 2, out.append(':'));
    if (at.getNano() > 0) {
      digits(at.getNano(), 9, out.append('.'));
    }
    out.append('Z');
  }

  /** Appends {@code n} with leading zeros to {@code width} digits. */
  private static void digits(int n, int width, StringBuilder out) {
    int start = out.length();
    for (int i = 0; i < width; i++) {
      out.append('0');
    }
    for (int i = out.length() - 1; i >= start && n > 0; i--, n /= 10) {
      out.setCharAt(i, (char) ('0' + n % 10));
    }
  }
}
