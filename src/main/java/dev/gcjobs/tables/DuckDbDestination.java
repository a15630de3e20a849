package dev.gcjobs.tables;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Tables in a DuckDB file, created if missing. DuckDB flattens the records itself ({@link
 * DuckDbFlattening}): only their JSON goes in through its appender, and its own threads parse and
 * unnest it into the tables, inside the open transaction.
 */
final class DuckDbDestination extends SqlDestination implements TableDestination.Json {
  private static final Pattern LOCK_HOLDER = Pattern.compile("\\(PID (\\d+)\\)");

  /**
   * Records a batch holds at most: large batches spread DuckDB's statements' cost over more
   * records, and a commit larger than DuckDB's checkpoint threshold (kept at its default) writes
   * the batch into the file once, by checkpointing, rather than into its log and again at close.
   * The batch's JSON waits in a temporary table of DuckDB's, which spills to disk when memory is
   * short.
   */
  private static final int RECORDS_PER_BATCH = 100_000;

  /** The JSON characters a batch holds at most, for records far larger than Genesys' usual. */
  private static final long CHARS_PER_BATCH = 512L << 20;

  private final Path file;
  private final String schema;
  private final int recordsPerBatch;
  private final Set<String> ids = new HashSet<>();
  private DuckDBAppender appender;
  private long records;
  private long chars;
  private boolean duplicates;
  private boolean leavesOut;
  private FieldsSeen seen = FieldsSeen.NONE;

  DuckDbDestination(Path file, String schema, Clock clock) {
    this(file, schema, clock, RECORDS_PER_BATCH);
  }

  /** With batches of {@code recordsPerBatch} records at most: small ones, to test several. */
  DuckDbDestination(Path file, String schema, Clock clock, int recordsPerBatch) {
    super(SqlDialect.DUCKDB, clock);
    this.file = file;
    this.schema = schema;
    this.recordsPerBatch = recordsPerBatch;
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
        // Rows carry their own keys and positions (from the unnest), so DuckDB may insert them
        // in any order, in parallel and with less memory.
        s.execute("SET preserve_insertion_order = false");
      }
      c.setAutoCommit(false);
      return c;
    } catch (SQLException e) {
      throw openFailure(file, e);
    }
  }

  @Override
  public void checkpoint() {
    try (Statement s = connection().createStatement()) {
      s.execute("CHECKPOINT");
      connection().commit();
    } catch (SQLException e) {
      rollback();
      throw failure("writing the tables into the file", e);
    }
  }

  /** Why {@code file} could not be opened to write, in one line. */
  static TablesException openFailure(Path file, SQLException e) {
    return openFailure(file, e, "DuckDB lets one process write a file at a time");
  }

  /**
   * Why {@code file} could not be opened, in one line; {@code rule} says why DuckDB refuses a file
   * another process holds.
   */
  static TablesException openFailure(Path file, SQLException e, String rule) {
    String message = firstLine(e);
    if (message.contains("Conflicting lock")) {
      Matcher pid = LOCK_HOLDER.matcher(message);
      return new TablesException(
          TablesException.Subject.DESTINATION,
          file
              + ": in use by another process"
              + (pid.find() ? " (pid " + pid.group(1) + ")" : "")
              + "; "
              + rule
              + ", so wait for it or close it",
          e);
    }
    return new TablesException(
        TablesException.Subject.DESTINATION, file + ": cannot open as DuckDB (" + message + ")", e);
  }

  @Override
  public void add(JsonRecord record) {
    if (!repeatsReplace() && ids.contains(record.id())) {
      writeSoFar();
    }
    try {
      if (appender == null) {
        try (Statement s = connection().createStatement()) {
          s.execute(DuckDbFlattening.createLines());
        }
        appender =
            connection()
                .unwrap(DuckDBConnection.class)
                .createAppender("temp", "main", DuckDbFlattening.LINES);
      }
      appender.beginRow().append(++records).append(record.id()).append(record.contentHash());
      appender.append(record.json()).append(record.drops()).endRow();
    } catch (SQLException e) {
      throw failure("writing " + kindName(), e);
    }
    duplicates |= !ids.add(record.id());
    chars += record.json().length();
    seen = seen.and(record.seen());
    leavesOut |= record.drops() != null;
  }

  @Override
  public boolean batchFull() {
    return records + recordsWrittenSoFar() >= recordsPerBatch || chars >= CHARS_PER_BATCH;
  }

  @Override
  boolean batchEmpty() {
    return records == 0;
  }

  @Override
  void clearBatch() {
    if (appender != null) {
      try {
        appender.close();
      } catch (SQLException e) {
        // The connection is broken or rolled back; the lines go with it.
      }
      appender = null;
    }
    ids.clear();
    seen = FieldsSeen.NONE;
    duplicates = false;
    leavesOut = false;
    records = 0;
    chars = 0;
  }

  /**
   * Lets DuckDB flatten the batch's JSON. Conversations: the new and changed ones are found by
   * content hash, the rows of the changed ones deleted, and the rows of both inserted straight into
   * the tables. Users: their rows are staged and merged, since a user's timeline rows are upserted
   * by key.
   */
  @Override
  LoadCounts writeBatch(Connection connection, TableMapping mapping, MergeSql merge, Instant now)
      throws SQLException {
    appender.close();
    appender = null;
    DuckDbFlattening flattening = new DuckDbFlattening(mapping, seen, leavesOut);
    try (Statement s = connection.createStatement()) {
      if (duplicates) {
        s.execute(DuckDbFlattening.keepLatest());
      }
      long unique = ids.size();
      s.execute(flattening.parse(threads(s)));
      LoadCounts counts =
          mapping.kind().replacesChildren()
              ? replace(s, mapping, merge, flattening, unique, now)
              : stageAndMerge(s, flattening, unique, now);
      for (String drop : flattening.dropLevels()) {
        s.execute(drop);
      }
      s.execute("DROP TABLE " + DuckDbFlattening.PARSED);
      s.execute("TRUNCATE " + DuckDbFlattening.LINES);
      return counts;
    }
  }

  /** The threads DuckDB runs a query on. */
  private static int threads(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("SELECT current_setting('threads')")) {
      rs.next();
      return Math.max(1, rs.getInt(1));
    }
  }

  private LoadCounts replace(
      Statement s,
      TableMapping mapping,
      MergeSql merge,
      DuckDbFlattening flattening,
      long records,
      Instant now)
      throws SQLException {
    Changed found = findChanged(s, DuckDbFlattening.PARSED);
    String at = "CAST('" + now + "' AS TIMESTAMPTZ)";
    Map<String, String> stamps = new LinkedHashMap<>();
    stamps.put("first_loaded_at", "COALESCE(c.first_loaded_at, " + at + ")");
    stamps.put("last_changed_at", at);
    stamps.put("deleted_at", "NULL");
    stamps.put("last_seen_at", at);
    String changed =
        DuckDbFlattening.PARSED
            + " JOIN "
            + MergeSql.CHANGED
            + " c ON c.id = "
            + DuckDbFlattening.PARSED
            + "."
            + mapping.idColumn().name();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (DuckDbFlattening pass : flattening.passes()) {
      List<List<String>> inserts = pass.insert(changed, merge::target, stamps);
      for (int t = 0; t < inserts.size(); t++) {
        long written = 0;
        for (String statement : inserts.get(t)) {
          written = s.executeUpdate(statement);
        }
        rows.merge(mapping.tables().get(t).name(), written, Long::sum);
      }
    }
    s.executeUpdate(merge.markSeen(now, DuckDbFlattening.PARSED));
    s.executeUpdate("TRUNCATE " + MergeSql.CHANGED);
    return new LoadCounts(
        found.inserted(), found.replaced(), records - found.inserted() - found.replaced(), rows);
  }

  private LoadCounts stageAndMerge(
      Statement s, DuckDbFlattening flattening, long records, Instant now) throws SQLException {
    for (DuckDbFlattening pass : flattening.passes()) {
      for (List<String> statements :
          pass.insert(DuckDbFlattening.PARSED, MergeSql::stage, Map.of())) {
        for (String statement : statements) {
          s.executeUpdate(statement);
        }
      }
    }
    return mergeStaged(s, records, now);
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
      checkIsDuckDb(file, "name a new file, or a DuckDB one");
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

    /**
     * Refuses a file that holds something else than a DuckDB database: DuckDB opens some (a JSON
     * file) as an empty database in memory, and what is loaded into it would be lost unsaid.
     */
    static void checkIsDuckDb(Path file, String advice) {
      byte[] head = new byte[12];
      int read;
      try (InputStream in = Files.newInputStream(file)) {
        read = in.readNBytes(head, 0, head.length);
      } catch (IOException e) {
        return; // missing (it is created) or unreadable (opening it says why)
      }
      boolean duckDb =
          read == head.length && new String(head, 8, 4, StandardCharsets.US_ASCII).equals("DUCK");
      if (read > 0 && !duckDb) {
        throw new TablesException(
            TablesException.Subject.DESTINATION,
            file + ": not a DuckDB file (it holds something else); " + advice);
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
