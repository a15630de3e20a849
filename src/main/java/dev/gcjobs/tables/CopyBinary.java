package dev.gcjobs.tables;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, which the server takes without parsing numbers,
 * times or escapes: a header, then per row its number of values and each value's length (-1 for
 * null) and bytes, then a trailer. Values are encoded by their column's type.
 */
final class CopyBinary {
  private static final byte[] HEADER = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds since Java's. */
  private static final long POSTGRES_EPOCH = 946_684_800L;

  /** The version of jsonb's binary form: its text after one byte. */
  private static final byte JSONB_VERSION = 1;

  private final ColumnType[] types;
  private byte[] bytes = new byte[1 << 12];
  private int length;

  CopyBinary(List<Column> columns) {
    this.types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
    put(HEADER);
  }

  void row(Object[] row) {
    int16(types.length);
    for (int i = 0; i < types.length; i++) {
      value(types[i], row[i]);
    }
  }

  /** Ends the data. */
  void end() {
    int16(-1);
  }

  /** The bytes written since the last {@link #clear()}. */
  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  void clear() {
    length = 0;
  }

  private void value(ColumnType type, Object value) {
    if (value == null) {
      int32(-1);
      return;
    }
    switch (type) {
      case TEXT -> text((String) value);
      case JSON -> {
        byte[] utf8 = jsonWithoutNul((String) value).getBytes(StandardCharsets.UTF_8);
        int32(utf8.length + 1);
        room(1);
        bytes[length++] = JSONB_VERSION;
        put(utf8);
      }
      case TIMESTAMPTZ -> {
        int32(8);
        int64(micros((Instant) value));
      }
      case BIGINT -> {
        int32(8);
        int64(((Number) value).longValue());
      }
      case INTEGER -> {
        int32(4);
        int32(((Number) value).intValue());
      }
      case DOUBLE -> {
        int32(8);
        int64(Double.doubleToLongBits(((Number) value).doubleValue()));
      }
      case BOOLEAN -> {
        int32(1);
        room(1);
        bytes[length++] = (byte) (((Boolean) value) ? 1 : 0);
      }
    }
  }

  /**
   * Microseconds since PostgreSQL's epoch, rounded to the nearest as the server rounds an instant
   * written as text (a load's times are compared with ones written so).
   */
  static long micros(Instant at) {
    long seconds = at.getEpochSecond() - POSTGRES_EPOCH;
    return seconds * 1_000_000L + (at.getNano() + 500) / 1000;
  }

  /**
   * PostgreSQL holds no character U+0000, in text or in jsonb, and refuses the whole batch of a
   * value with one (Genesys passes customers' data through, attributes say): it becomes U+FFFD, the
   * replacement character. The content hash stays that of the record as read.
   */
  private void text(String s) {
    byte[] utf8 =
        (s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD')).getBytes(StandardCharsets.UTF_8);
    int32(utf8.length);
    put(utf8);
  }

  /** {@code json} with each escaped U+0000 ({@code \\u0000}) escaped as U+FFFD instead. */
  static String jsonWithoutNul(String json) {
    if (!json.contains("\\u0000")) {
      return json;
    }
    StringBuilder out = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\' && json.startsWith("u0000", i + 1)) {
        out.append("\\ufffd");
        i += 5;
      } else if (c == '\\' && i + 1 < json.length()) {
        out.append(c).append(json.charAt(++i)); // an escape: its next character is not one
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private void int16(int n) {
    room(2);
    bytes[length++] = (byte) (n >>> 8);
    bytes[length++] = (byte) n;
  }

  private void int32(int n) {
    room(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      bytes[length++] = (byte) (n >>> shift);
    }
  }

  private void int64(long n) {
    room(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      bytes[length++] = (byte) (n >>> shift);
    }
  }

  private void put(byte[] b) {
    room(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
  }

  private void room(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
