package dev.gcjobs.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The gcjobs store: a connection pool over H2 (embedded, the default) or PostgreSQL (shared by
 * several processes or nodes), with the schema migrated on open. Thread-safe; close it once when
 * the program ends.
 *
 * <pre>{@code
 * try (Database db = Database.open(Database.h2FileUrl(stateDir))) {
 *   db.exports().insert(export, chunks);
 *   List<ChunkRow> chunks = db.chunks().findByExport(export.id());
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {
  /**
   * Enough for a handful of concurrent chunk steps plus the HTTP API; steps hold a connection
   * briefly.
   */
  private static final int MAX_POOL_SIZE = 8;

  /** Fail fast when the database stops answering instead of hanging a step for 30 s. */
  private static final long CONNECTION_TIMEOUT_MS = 10_000;

  private static final String H2_FILE = "jdbc:h2:file:";

  /** H2 reports a file database locked by another process with this error code. */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;

  private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");

  private final HikariDataSource dataSource;
  private final String displayUrl;
  private final ExportRepository exports;
  private final ChunkRepository chunks;
  private final SyncRepository syncs;
  private final ExportLoadRepository exportLoads;

  private Database(HikariDataSource dataSource, String displayUrl) {
    this.dataSource = dataSource;
    this.displayUrl = displayUrl;
    this.chunks = new ChunkRepository(this);
    this.exports = new ExportRepository(this, chunks);
    this.syncs = new SyncRepository(this);
    this.exportLoads = new ExportLoadRepository(this);
  }

  /**
   * The default store: an H2 file database {@code gcjobs.mv.db} in {@code stateDir} (created if
   * missing). {@code WRITE_DELAY=0} writes every commit to the file at once, so a {@code kill -9}
   * loses nothing that was committed (H2's default keeps up to a second of commits in memory);
   * {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing to gcjobs, so shutdown work can still write; no
   * {@code .trace.db} file: errors reach the caller as exceptions.
   */
  public static String h2FileUrl(Path stateDir) {
    return H2_FILE
        + stateDir.toAbsolutePath().normalize().resolve("gcjobs")
        + ";AUTO_SERVER=FALSE;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000"
        + ";TRACE_LEVEL_FILE=0";
  }

  /**
   * Connects to {@code jdbcUrl} and brings its schema up to date.
   *
   * @param jdbcUrl {@code jdbc:h2:...} or {@code jdbc:postgresql://HOST:PORT/DB?user=...}
   * @throws StoreException with a one-line message about the database URL when it is not supported,
   *     the database is unreachable or in use by another process, or migration fails
   */
  public static Database open(String jdbcUrl) {
    String display = redact(jdbcUrl);
    if (jdbcUrl == null
        || !(jdbcUrl.startsWith("jdbc:h2:") || jdbcUrl.startsWith("jdbc:postgresql:"))) {
      throw new StoreException(
          StoreException.Setting.DATABASE,
          "unsupported database URL '"
              + display
              + "'; use jdbc:postgresql://HOST:5432/DATABASE?user=USER or jdbc:h2:file:/path/gcjobs",
          null);
    }
    if (jdbcUrl.startsWith(H2_FILE)) {
      createDirectoryOf(jdbcUrl, display);
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(poolConfig(jdbcUrl));
    } catch (RuntimeException e) {
      throw cannotConnect(display, e);
    }
    try {
      migrate(dataSource);
    } catch (FlywayException e) {
      dataSource.close();
      throw new StoreException(
          StoreException.Setting.DATABASE,
          "cannot prepare the gcjobs tables in " + display + ": " + firstLine(e),
          e);
    }
    return new Database(dataSource, display);
  }

  /** H2 would retry for seconds before failing; checking first gives a quick, clear message. */
  private static void createDirectoryOf(String jdbcUrl, String display) {
    String file = jdbcUrl.substring(H2_FILE.length()).split(";", 2)[0];
    Path dir = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
    } catch (IOException | InvalidPathException e) {
      throw new StoreException(
          StoreException.Setting.STATE_DIRECTORY,
          "cannot create the state directory "
              + dir
              + " for "
              + display
              + " ("
              + e.getClass().getSimpleName()
              + "); choose a writable state directory, or a PostgreSQL database",
          e);
    }
  }

  private static HikariConfig poolConfig(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("gcjobs-store");
    config.setMaximumPoolSize(MAX_POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      if (!jdbcUrl.contains("ApplicationName=")) {
        config.addDataSourceProperty("ApplicationName", "gcjobs");
      }
      // A batch of new exports goes as one multi-row INSERT, not one round trip per row.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    return config;
  }

  private static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        // Our own history table, so gcjobs can share a schema with other Flyway users.
        .table("gcjobs_schema_history")
        // A schema that already holds other tables (e.g. PostgreSQL's public) is fine.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  private static StoreException cannotConnect(String display, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
        return new StoreException(
            StoreException.Setting.DATABASE,
            "the state database "
                + display
                + " is in use by another gcjobs process (H2 allows one process at a time); wait"
                + " for it, use another state directory, or share a PostgreSQL database",
            e);
      }
    }
    String hint =
        display.startsWith("jdbc:h2:")
            ? " (check that the state directory is writable, or use a PostgreSQL database)"
            : " (check that the database is running and that its URL is right)";
    return new StoreException(
        StoreException.Setting.DATABASE,
        "cannot open " + display + ": " + describe(rootCause(e)) + hint,
        e);
  }

  /** The JDBC URL with any password masked, for messages and logs. */
  static String redact(String jdbcUrl) {
    return jdbcUrl == null ? "null" : PASSWORD.matcher(jdbcUrl).replaceAll("$1***");
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** Drivers write good messages; a bare I/O message such as a host name needs its type. */
  private static String describe(Throwable t) {
    return t instanceof SQLException
        ? firstLine(t)
        : t.getClass().getSimpleName() + ": " + firstLine(t);
  }

  private static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int newline = message.indexOf('\n');
    return redact(newline < 0 ? message : message.substring(0, newline).trim());
  }

  /** The exports table. */
  public ExportRepository exports() {
    return exports;
  }

  /** The chunks table. */
  public ChunkRepository chunks() {
    return chunks;
  }

  /** The syncs and their cycles. */
  public SyncRepository syncs() {
    return syncs;
  }

  /** The loads of exports into named table destinations. */
  public ExportLoadRepository exportLoads() {
    return exportLoads;
  }

  /** The pooled data source, for components that keep their own tables in the same database. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The JDBC URL with any password masked. */
  public String displayUrl() {
    return displayUrl;
  }

  /**
   * Runs {@code work} on one connection in one transaction: committed if it returns, else rolled
   * back.
   */
  <T> T inTransaction(SqlWork<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** Runs {@code work} on one auto-commit connection. */
  <T> T withConnection(SqlWork<T> work) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    }
  }

  /** Closes the pool; with the default H2 file database this also closes the database. */
  @Override
  public void close() {
    dataSource.close();
  }

  @Override
  public String toString() {
    return "Database[" + displayUrl + "]";
  }

  /**
   * Runs one statement on an auto-commit connection.
   *
   * @param what what it does, for the message of a failure ("update syncs")
   * @return how many rows it changed
   * @throws StoreException when the statement fails
   */
  int update(String what, String sql, Binder binder) {
    try {
      return withConnection(
          c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              binder.bind(ps);
              return ps.executeUpdate();
            }
          });
    } catch (SQLException e) {
      throw new StoreException("store: cannot " + what + ": " + e.getMessage(), e);
    }
  }

  /** Sets a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Work on a connection that may throw {@link SQLException}. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
