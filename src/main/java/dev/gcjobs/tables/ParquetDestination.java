package dev.gcjobs.tables;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Parquet files, one per table ({@code DIR/conversations.parquet}, ...) or, by day, one folder per
 * table with a folder per day of the conversation's start ({@code DIR/conversations/day=.../}).
 * Records go into tables in a DuckDB file kept in DIR, exactly as for a DuckDB destination (so a
 * load again, or a sync, changes only what changed); on close every table is written out through
 * DuckDB's {@code COPY}, each file first under a hidden name and then moved into place, so a reader
 * never sees half a file and a killed run leaves the previous files.
 */
final class ParquetDestination implements TableDestination.Json {
  private final DuckDbDestination tables;
  private final Path stagingFile;
  private final Path dir;
  private final boolean byDay;
  private TableMapping mapping;

  ParquetDestination(DuckDbDestination tables, Path stagingFile, Path dir, boolean byDay) {
    this.tables = tables;
    this.stagingFile = stagingFile;
    this.dir = dir;
    this.byDay = byDay;
  }

  @Override
  public String where() {
    return "parquet:" + dir;
  }

  @Override
  public void open(TableMapping mapping) {
    if (byDay && mapping.kind().startColumn() == null) {
      throw new TablesException(
          TablesException.Subject.DESTINATION,
          where() + ": partition=day needs conversations; write users to parquet:DIR");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new TablesException(
          TablesException.Subject.DESTINATION, dir + ": is a file; name a directory for parquet:");
    }
    if (dir.getParent() != null && !Files.isDirectory(dir.getParent())) {
      throw new TablesException(
          TablesException.Subject.DESTINATION,
          dir + ": directory " + dir.getParent() + " does not exist; create it first");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new TablesException(
          TablesException.Subject.DESTINATION,
          dir + ": cannot create the directory (" + e.getMessage() + ")",
          e);
    }
    tables.open(mapping);
    this.mapping = mapping;
  }

  @Override
  public void add(JsonRecord record) {
    tables.add(record);
  }

  @Override
  public boolean batchFull() {
    return tables.batchFull();
  }

  @Override
  public LoadCounts commit() {
    return tables.commit();
  }

  @Override
  public void checkpoint() {
    tables.checkpoint();
  }

  @Override
  public long markGone(Instant start, Instant end, boolean purge) {
    return tables.markGone(start, end, purge);
  }

  @Override
  public LoadCounts countsAt() {
    return tables.countsAt();
  }

  /**
   * Closes the tables, then writes every table out.
   *
   * @throws TablesException when a file cannot be written
   */
  @Override
  public void close() {
    tables.close();
    if (mapping == null) {
      return;
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + stagingFile);
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'"); // a conversation's day is its UTC day, wherever this runs
      for (Table table : mapping.tables()) {
        write(s, table);
      }
    } catch (SQLException | IOException e) {
      throw new TablesException(
          TablesException.Subject.DESTINATION,
          where() + ": cannot write the Parquet files (" + e.getMessage() + ")",
          e);
    }
  }

  private void write(Statement s, Table table) throws SQLException, IOException {
    Path target = dir.resolve(table.name() + (byDay ? "" : ".parquet"));
    Path hidden = dir.resolve("." + target.getFileName() + ".tmp");
    deleteRecursively(hidden);
    s.execute(
        "COPY ("
            + rows(table)
            + ") TO '"
            + hidden.toString().replace("'", "''")
            + "' (FORMAT parquet"
            + (byDay ? ", PARTITION_BY (day)" : "")
            + ")");
    if (byDay) {
      deleteRecursively(target); // a directory cannot replace another in one move
    }
    Files.move(hidden, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    // The table in the other layout, from a run with or without partition=day, once the new one
    // is in place: a reader globbing the directory would count its rows twice.
    deleteRecursively(dir.resolve(table.name() + (byDay ? ".parquet" : "")));
  }

  /** The table's rows, with the day its conversation started when partitioned by day. */
  private String rows(Table table) {
    String name = "main." + table.name();
    if (!byDay) {
      return "SELECT * FROM " + name;
    }
    Table root = mapping.root();
    String day = "CAST(r." + mapping.kind().startColumn() + " AS DATE) AS day";
    if (table == root) {
      return "SELECT t.*, " + day.replace("r.", "t.") + " FROM " + name + " t";
    }
    String id = mapping.idColumn().name();
    return "SELECT t.*, "
        + day
        + " FROM "
        + name
        + " t JOIN main."
        + root.name()
        + " r USING ("
        + id
        + ")";
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
