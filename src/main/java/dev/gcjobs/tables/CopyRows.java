package dev.gcjobs.tables;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows sent into one PostgreSQL table with a binary {@code COPY}, a buffer at a time as they are
 * added: the server inserts while the next rows are encoded, and no batch is ever held whole. The
 * {@code COPY} starts with the first row, so a table with none costs nothing. Closing it before
 * {@link #end()} cancels the {@code COPY}, leaving the connection usable for a rollback.
 */
final class CopyRows implements AutoCloseable {
  /** Bytes sent at a time: a few network packets, small next to a batch. */
  private static final int FLUSH_BYTES = 1 << 16;

  private final Connection connection;
  private final String sql;
  private final CopyBinary data;
  private CopyIn copy;
  private boolean empty = true;

  /**
   * @param table the table's name, qualified if need be
   * @param columns the columns each row's values are for, in order
   */
  CopyRows(Connection connection, String table, List<Column> columns) {
    this.connection = connection;
    this.sql =
        "COPY "
            + table
            + " ("
            + columns.stream().map(Column::name).collect(Collectors.joining(", "))
            + ") FROM STDIN (FORMAT binary)";
    this.data = new CopyBinary(columns);
  }

  void add(Object[] row) throws SQLException {
    data.row(row);
    empty = false;
    if (data.length() >= FLUSH_BYTES) {
      flush();
    }
  }

  /** Sends what is left and ends the {@code COPY}; returns the rows it inserted. */
  long end() throws SQLException {
    if (empty) {
      return 0;
    }
    data.end();
    flush();
    long rows = copy.endCopy();
    copy = null;
    return rows;
  }

  private void flush() throws SQLException {
    if (copy == null) {
      copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }
    copy.writeToCopy(data.bytes(), 0, data.length());
    data.clear();
  }

  @Override
  public void close() throws SQLException {
    if (copy != null && copy.isActive()) {
      copy.cancelCopy();
    }
    copy = null;
  }
}
