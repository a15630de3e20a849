package dev.gcjobs.tables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Tables in a DuckDB file, created if missing. Rows go in through DuckDB's appender (no SQL per
 * row), which writes inside the open transaction: conversations straight into their tables once the
 * batch's new and changed ones are known, users through the staging tables and the shared merge
 * (their rows are upserted by key).
 */
final class DuckDbDestination extends StagedDestination {
  private static final Pattern LOCK_HOLDER = Pattern.compile("\\(PID (\\d+)\\)");

  /**
   * How much write-ahead log DuckDB keeps before it checkpoints. Its default checkpoints every
   * batch or two, which rewrites the tables over and over during a load; the log is replayed on the
   * next open after a crash, and closing the file checkpoints it anyway.
   */
  private static final String CHECKPOINT_THRESHOLD = "1GB";

  /** The session's list of the batch's ids and content hashes. */
  private static final String BATCH = "gcjobs_batch";

  private final Path file;
  private final String schema;

  DuckDbDestination(Path file, String schema, Clock clock) {
    super(SqlDialect.DUCKDB, clock);
    this.file = file;
    this.schema = schema;
  }

  @Override
  public String where() {
    return file.toString();
  }

  @Override
  String schema() {
    return schema;
  }

  @Override
  Connection connect() {
    DuckDbFiles.checkWritable(file);
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
      }
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      throw openFailure(file, e);
    }
  }

  /** Why {@code file} could not be opened, in one line. */
  static TablesException openFailure(Path file, SQLException e) {
    String message = firstLine(e);
    if (message.contains("Conflicting lock")) {
      Matcher pid = LOCK_HOLDER.matcher(message);
      return new TablesException(
          TablesException.Subject.DESTINATION,
          file
              + ": in use by another process"
              + (pid.find() ? " (pid " + pid.group(1) + ")" : "")
              + "; DuckDB lets one process write a file at a time, so wait for it or close it",
          e);
    }
    return new TablesException(
        TablesException.Subject.DESTINATION, file + ": cannot open as DuckDB (" + message + ")", e);
  }

  /**
   * For conversations: the batch's ids and hashes are appended and compared with the tables, the
   * rows of changed conversations deleted, and the rows of new and changed ones appended straight
   * into the tables; nothing is copied twice.
   */
  @Override
  LoadCounts write(
      Connection connection,
      TableMapping mapping,
      MergeSql merge,
      Collection<FlatRecord> records,
      Instant now)
      throws SQLException {
    if (!mapping.kind().replacesChildren()) {
      return super.write(connection, mapping, merge, records, now);
    }
    DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE IF NOT EXISTS "
              + BATCH
              + " ("
              + mapping.idColumn().name()
              + " VARCHAR, content_hash VARCHAR)");
    }
    try (DuckDBAppender appender = duck.createAppender("temp", "main", BATCH)) {
      for (FlatRecord record : records) {
        appender.beginRow().append(record.id()).append(record.contentHash()).endRow();
      }
    }
    Map<String, Instant> firstLoaded = new HashMap<>();
    long replaced = 0;
    try (Statement s = connection.createStatement()) {
      s.executeUpdate(merge.findChanged(BATCH));
      try (ResultSet changed =
          s.executeQuery("SELECT id, is_new, first_loaded_at FROM " + MergeSql.CHANGED)) {
        while (changed.next()) {
          boolean isNew = changed.getBoolean(2);
          OffsetDateTime first = changed.getObject(3, OffsetDateTime.class);
          firstLoaded.put(changed.getString(1), isNew ? now : first.toInstant());
          replaced += isNew ? 0 : 1;
        }
      }
      if (replaced > 0) {
        for (String delete : merge.deleteReplaced()) {
          s.executeUpdate(delete);
        }
      }
      Map<String, Long> rows = new LinkedHashMap<>();
      List<Table> tables = mapping.tables();
      for (int t = 0; t < tables.size(); t++) {
        Table table = tables.get(t);
        List<Column> columns = table.flattenedColumns();
        long written = 0;
        try (DuckDBAppender appender = duck.createAppender(schema, table.name())) {
          for (FlatRecord record : records) {
            Instant first = firstLoaded.get(record.id());
            if (first == null) {
              continue; // unchanged
            }
            for (Object[] row : record.rows().get(t)) {
              appender.beginRow();
              for (int i = 0; i < row.length; i++) {
                append(appender, row[i], columns.get(i).type());
              }
              if (table == mapping.root()) {
                appender.appendEpochMicros(micros(first)).appendEpochMicros(micros(now));
                appender.appendNull(); // deleted_at
                appender.appendEpochMicros(micros(now)); // last_seen_at
              }
              appender.endRow();
              written++;
            }
          }
        }
        rows.put(table.name(), written);
      }
      s.executeUpdate(merge.markSeen(now, BATCH));
      s.executeUpdate("TRUNCATE " + BATCH);
      s.executeUpdate("TRUNCATE " + MergeSql.CHANGED);
      long inserted = firstLoaded.size() - replaced;
      return new LoadCounts(inserted, replaced, records.size() - firstLoaded.size(), rows);
    }
  }

  @Override
  void stage(Connection connection, TableMapping mapping, Collection<FlatRecord> records)
      throws SQLException {
    DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
    List<Table> tables = mapping.tables();
    for (int t = 0; t < tables.size(); t++) {
      List<Column> columns = tables.get(t).flattenedColumns();
      try (DuckDBAppender appender =
          duck.createAppender("temp", "main", MergeSql.stage(tables.get(t)))) {
        for (FlatRecord record : records) {
          for (Object[] row : record.rows().get(t)) {
            appender.beginRow();
            for (int i = 0; i < row.length; i++) {
              append(appender, row[i], columns.get(i).type());
            }
            appender.endRow();
          }
        }
      }
    }
  }

  private static void append(DuckDBAppender appender, Object value, ColumnType type)
      throws SQLException {
    if (value == null) {
      appender.appendNull();
    } else if (value instanceof String s) {
      appender.append(s);
    } else if (value instanceof Instant instant) {
      appender.appendEpochMicros(micros(instant));
    } else if (value instanceof Long l) {
      appender.append(l.longValue());
    } else if (value instanceof Integer i) {
      appender.append(i.intValue());
    } else if (value instanceof Double d) {
      appender.append(d.doubleValue());
    } else if (value instanceof Boolean b) {
      appender.append(b.booleanValue());
    } else {
      throw new IllegalStateException("no " + type + " value is a " + value.getClass());
    }
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  @Override
  TablesException failure(String doing, SQLException e) {
    return new TablesException(
        TablesException.Subject.NONE, file + ": " + doing + " failed (" + firstLine(e) + ")", e);
  }

  static String firstLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }

  /** Checks that a DuckDB file can be created or written where it is named. */
  static final class DuckDbFiles {
    private DuckDbFiles() {}

    static void checkWritable(Path file) {
      Path dir = file.toAbsolutePath().getParent();
      if (Files.isDirectory(file)) {
        throw new TablesException(
            TablesException.Subject.DESTINATION, file + ": is a directory; name a .duckdb file");
      }
      if (!Files.isDirectory(dir)) {
        throw new TablesException(
            TablesException.Subject.DESTINATION,
            file + ": directory " + dir + " does not exist; create it first");
      }
      try {
        if (Files.exists(file)) {
          if (!Files.isWritable(file)) {
            throw new IOException("permission denied");
          }
        } else {
          Files.delete(Files.createTempFile(dir, ".gcjobs-probe-", ".tmp"));
        }
      } catch (IOException e) {
        throw new TablesException(
            TablesException.Subject.DESTINATION,
            file + ": cannot write there (" + reason(e) + "); choose a writable place",
            e);
      }
    }

    private static String reason(IOException e) {
      if (e instanceof java.nio.file.AccessDeniedException) {
        return "permission denied";
      }
      if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
        return fs.getReason();
      }
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }
}
