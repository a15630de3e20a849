package dev.gcjobs.tables;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Tables in a PostgreSQL schema, created if missing. A batch's ids and content hashes go into a
 * session staging table with {@code COPY}; set-based statements find the new and changed records
 * and delete the rows these replace; then the rows of only those records are sent with {@code COPY}
 * straight into the tables, one stream per table, all in one transaction.
 */
final class PostgresDestination extends StagedDestination {
  /** Long enough for a server across a network, short enough that a wrong host is told soon. */
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  /** The top-level table's columns a load sets, in the order {@link #insert} fills them. */
  private static final List<String> LOAD_TIMES =
      List.of("first_loaded_at", "last_changed_at", "deleted_at", "last_seen_at");

  /**
   * Compresses the large values this session stores (each record's {@code raw}) with lz4 where the
   * server has it: much less of the server's time than its default, pglz, for somewhat more space.
   * Values already stored keep theirs; readers see no difference.
   */
  private static final String LZ4 =
      "SELECT set_config('default_toast_compression', 'lz4', false) FROM pg_settings"
          + " WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)";

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

  /**
   * {@code url} as messages may show it: up to its settings ({@code ?}, {@code ;}) or a login in it
   * ({@code user:password@}, which the driver does not read), whichever comes first, with what
   * follows a {@code :} after the host hidden unless it is a port: a password may hold any of these
   * characters.
   */
  static String safeUrl(String url) {
    int end = url.length();
    for (char stop : new char[] {'?', ';', '@'}) {
      int at = url.indexOf(stop);
      end = at < 0 ? end : Math.min(end, at);
    }
    String shown = url.substring(0, end);
    int authority = shown.indexOf("//");
    int colon = authority < 0 ? -1 : shown.indexOf(':', authority);
    if (colon < 0) {
      return shown;
    }
    int slash = shown.indexOf('/', colon);
    String port = shown.substring(colon + 1, slash < 0 ? shown.length() : slash);
    boolean login = end < url.length() && url.charAt(end) == '@';
    return !login && !port.isEmpty() && port.chars().allMatch(Character::isDigit)
        ? shown
        : shown.substring(0, colon) + ":***";
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
      try (Statement s = c.createStatement()) {
        s.execute(LZ4);
      }
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      String why = DuckDbDestination.firstLine(e).replace(url, safeUrl(url)); // the driver's own
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof java.net.UnknownHostException) {
          why = "no such host: " + cause.getMessage(); // the driver says only that it failed
        }
      }
      if (password != null && !password.isEmpty()) {
        why = why.replace(password, "***");
      }
      throw new TablesException(
          TablesException.Subject.DESTINATION, safeUrl(url) + ": cannot connect (" + why + ")", e);
    }
  }

  /**
   * The schema's lock, for the rest of the transaction: two loads into the same tables (two
   * exports, a load beside an export) create them and write their batches one after the other, so
   * the second sees what the first wrote rather than writing it again and failing on its keys.
   */
  @Override
  void lockTables(Statement s) throws SQLException {
    s.execute("SELECT pg_advisory_xact_lock(hashtext('gcjobs tables " + schema + "'))");
  }

  @Override
  void stage(Connection connection, TableMapping mapping, Collection<FlatRecord> records)
      throws SQLException {
    Table root = mapping.root();
    try (CopyRows ids =
        new CopyRows(
            connection,
            MergeSql.stage(root),
            List.of(mapping.idColumn(), root.column("content_hash")))) {
      for (FlatRecord record : records) {
        ids.add(new Object[] {record.id(), record.contentHash()});
      }
      ids.end();
    }
    if (mapping.kind().replacesChildren()) {
      return;
    }
    List<Table> tables = mapping.tables();
    for (int t = 1; t < tables.size(); t++) {
      // Whole rows: a record is changed only if one of its rows is not in the tables as it is.
      List<Column> columns = tables.get(t).flattenedColumns();
      try (CopyRows copy = new CopyRows(connection, MergeSql.stage(tables.get(t)), columns)) {
        for (FlatRecord record : records) {
          for (Object[] row : record.rows().get(t)) {
            copy.add(row);
          }
        }
        copy.end();
      }
    }
  }

  @Override
  List<Long> insert(
      Connection connection,
      TableMapping mapping,
      MergeSql merge,
      List<FlatRecord> records,
      Map<String, Instant> firstLoaded,
      Instant now)
      throws SQLException {
    List<Long> written = new ArrayList<>();
    List<Table> tables = mapping.tables();
    for (int t = 0; t < tables.size(); t++) {
      Table table = tables.get(t);
      List<Column> columns = new ArrayList<>(table.flattenedColumns());
      int width = columns.size();
      if (t == 0) {
        LOAD_TIMES.forEach(name -> columns.add(table.column(name)));
      }
      try (CopyRows copy = new CopyRows(connection, merge.target(table), columns)) {
        for (FlatRecord record : records) {
          for (Object[] row : record.rows().get(t)) {
            if (t == 0) {
              row = Arrays.copyOf(row, width + LOAD_TIMES.size());
              Instant first = firstLoaded.get(record.id());
              row[width] = first == null ? now : first;
              row[width + 1] = now; // last changed; deleted_at stays null
              row[width + 3] = now; // last seen
            }
            copy.add(row);
          }
        }
        written.add(copy.end());
      }
    }
    return written;
  }

  @Override
  TablesException failure(String doing, SQLException e) {
    return new TablesException(
        TablesException.Subject.NONE,
        where() + ": " + doing + " failed (" + DuckDbDestination.firstLine(e) + ")",
        e);
  }
}
