package dev.gcjobs.tables;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Tables in a PostgreSQL schema, created if missing. A batch goes into the session's staging tables
 * with {@code COPY} (one stream per table), then into the tables with set-based statements, all in
 * one transaction.
 */
final class PostgresDestination extends StagedDestination {
  /** Long enough for a server across a network, short enough that a wrong host is told soon. */
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private final String url;
  private final String schema;
  private final String user;
  private final String password;

  PostgresDestination(String url, String schema, String user, String password, Clock clock) {
    super(SqlDialect.POSTGRES, clock);
    this.url = url;
    this.schema = schema;
    this.user = user;
    this.password = password;
  }

  /** {@code url} without its settings, where a password may be. */
  static String safeUrl(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  @Override
  public String where() {
    return safeUrl(url) + " (schema " + schema + ")";
  }

  @Override
  String schema() {
    return schema;
  }

  @Override
  Connection connect() {
    Properties login = new Properties();
    if (user != null) {
      login.setProperty("user", user);
    }
    if (password != null) {
      login.setProperty("password", password);
    }
    login.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    login.setProperty("ApplicationName", "gcjobs");
    try {
      Connection c = DriverManager.getConnection(url, login);
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      throw new TablesException(
          TablesException.Subject.DESTINATION,
          safeUrl(url) + ": cannot connect (" + DuckDbDestination.firstLine(e) + ")",
          e);
    }
  }

  @Override
  void stage(Connection connection, TableMapping mapping, Collection<FlatRecord> records)
      throws SQLException {
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    List<Table> tables = mapping.tables();
    StringBuilder text = new StringBuilder(1 << 16);
    for (int t = 0; t < tables.size(); t++) {
      Table table = tables.get(t);
      text.setLength(0);
      for (FlatRecord record : records) {
        for (Object[] row : record.rows().get(t)) {
          CopyText.row(row, text);
        }
      }
      if (text.length() == 0) {
        continue;
      }
      String columns =
          table.flattenedColumns().stream().map(Column::name).collect(Collectors.joining(", "));
      try {
        copy.copyIn(
            "COPY " + MergeSql.stage(table) + " (" + columns + ") FROM STDIN",
            new StringReader(text.toString()));
      } catch (IOException e) {
        throw new SQLException("COPY into the staging table of " + table.name() + " failed", e);
      }
    }
  }

  @Override
  TablesException failure(String doing, SQLException e) {
    return new TablesException(
        TablesException.Subject.NONE,
        where() + ": " + doing + " failed (" + DuckDbDestination.firstLine(e) + ")",
        e);
  }
}
