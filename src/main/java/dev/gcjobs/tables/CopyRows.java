package dev.gcjobs.tables;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows sent into one PostgreSQL table with {@code COPY} in text format, a buffer at a time as they
 * are added: the server parses and inserts while the next rows are formatted, and no batch is ever
 * held whole as text. The {@code COPY} starts with the first row, so a table with none costs
 * nothing. Closing it before {@link #end()} cancels the {@code COPY}, leaving the connection usable
 * for a rollback.
 */
final class CopyRows implements AutoCloseable {
  /** Characters sent at a time: a few network packets, small next to a batch. */
  private static final int FLUSH_CHARS = 1 << 16;

  private final Connection connection;
  private final String sql;
  private final StringBuilder text = new StringBuilder(FLUSH_CHARS + (FLUSH_CHARS >> 2));
  private CopyIn copy;

  /**
   * @param table the table's name, qualified if need be
   * @param columns the columns each row's values are for, in order
   */
  CopyRows(Connection connection, String table, List<String> columns) {
    this.connection = connection;
    this.sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN";
  }

  void add(Object[] row) throws SQLException {
    CopyText.row(row, text);
    if (text.length() >= FLUSH_CHARS) {
      flush();
    }
  }

  /** Sends what is left and ends the {@code COPY}; returns the rows it inserted. */
  long end() throws SQLException {
    if (text.length() > 0) {
      flush();
    }
    if (copy == null) {
      return 0;
    }
    long rows = copy.endCopy();
    copy = null;
    return rows;
  }

  private void flush() throws SQLException {
    if (copy == null) {
      copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    text.setLength(0);
  }

  @Override
  public void close() throws SQLException {
    if (copy != null && copy.isActive()) {
      copy.cancelCopy();
    }
    copy = null;
  }
}
