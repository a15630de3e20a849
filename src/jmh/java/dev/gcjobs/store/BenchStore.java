package dev.gcjobs.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A throw-away store for {@link SchedulerBench}: an H2 file database in a temporary directory (the
 * product's URL and Flyway migrations), or a private schema in a PostgreSQL database, dropped on
 * close. Either gets db-scheduler's table from the library's own PostgreSQL DDL.
 */
final class BenchStore implements AutoCloseable {
  /**
   * db-scheduler's {@code db-scheduler/src/test/resources/postgresql_tables.sql} at tag v16.7.1
   * (commit 328f53bf), verbatim but for its comments. It runs unchanged on H2 2.x (which reads
   * {@code text} as CHARACTER VARYING and {@code bytea} as BINARY VARYING), so one migration can
   * serve both stores (every bench run creates it on the store it measures).
   */
  static final String SCHEDULED_TASKS_DDL =
      """
      create table scheduled_tasks (
        task_name text not null,
        task_instance text not null,
        task_data bytea,
        execution_time timestamp with time zone not null,
        picked BOOLEAN not null,
        picked_by text,
        last_success timestamp with time zone,
        last_failure timestamp with time zone,
        consecutive_failures INT,
        last_heartbeat timestamp with time zone,
        version BIGINT not null,
        priority SMALLINT,
        PRIMARY KEY (task_name, task_instance)
      );
      CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
      CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
      CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
      """;

  final String name;
  final Database db;
  final boolean h2;
  private final Path dir;
  private final String adminUrl;
  private final String schema;

  private BenchStore(
      String name, Database db, boolean h2, Path dir, String adminUrl, String schema) {
    this.name = name;
    this.db = db;
    this.h2 = h2;
    this.dir = dir;
    this.adminUrl = adminUrl;
    this.schema = schema;
  }

  static BenchStore h2() throws IOException, SQLException {
    Path dir = Files.createTempDirectory("gcjobs-sched-bench-");
    Database db = Database.open(Database.h2FileUrl(dir));
    BenchStore store = new BenchStore("H2 (file)", db, true, dir, null, null);
    store.createSchedulerTable();
    return store;
  }

  /**
   * @param url {@code jdbc:postgresql://HOST:PORT/DB?user=USER}; a schema {@code
   *     gcjobs_sched_bench_PID} is created in it and dropped on close
   */
  static BenchStore postgres(String url) throws SQLException {
    String schema = "gcjobs_sched_bench_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
    Database db = Database.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    BenchStore store = new BenchStore("PostgreSQL", db, false, null, url, schema);
    store.createSchedulerTable();
    return store;
  }

  private void createSchedulerTable() throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      for (String sql : SCHEDULED_TASKS_DDL.split(";")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
    }
  }

  /** Empties the tables between scenarios: no scenario sees another's rows. */
  void clear() throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM scheduled_tasks");
      s.execute("DELETE FROM chunks");
      s.execute("DELETE FROM exports");
    }
  }

  @Override
  public void close() throws SQLException {
    db.close();
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(adminUrl);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(BenchStore::delete);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
