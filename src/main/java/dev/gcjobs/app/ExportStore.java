package dev.gcjobs.app;

import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.engine.ExportCatalog;
import dev.gcjobs.engine.Exports;
import dev.gcjobs.engine.JobCanceller;
import dev.gcjobs.store.Database;
import dev.gcjobs.store.StoreSettings;
import dev.gcjobs.sync.ExportLoads;
import dev.gcjobs.sync.SyncDestinations;
import dev.gcjobs.sync.Syncs;
import dev.gcjobs.tables.TableTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Where gcjobs keeps its exports, opened, and the engine parts built over it: the one place the CLI
 * and the service get their object graph from. The front doors get the engine's API (a read-only
 * {@link ExportCatalog}, {@link Exports} to cancel, a whole {@link Engine} to run), never the
 * store's rows or repositories. Close it when done.
 */
public final class ExportStore implements AutoCloseable {
  /** How long a health check waits for the database to answer. */
  private static final int HEALTH_CHECK_SECONDS = 2;

  private final Database db;
  private final Path stateDir;

  private ExportStore(Database db, Path stateDir) {
    this.db = db;
    this.stateDir = stateDir;
  }

  /**
   * Opens (and migrates) the store.
   *
   * @param dbUrl the JDBC URL asked for, or null for {@code $GCJOBS_DB}, else an H2 file in the
   *     state directory
   * @param stateDir the state directory asked for, or null for {@code $GCJOBS_STATE_DIR}, else
   *     {@code ./.gcjobs}
   * @throws dev.gcjobs.store.StoreException saying what is wrong with the database or directory
   */
  public static ExportStore open(String dbUrl, String stateDir, Map<String, String> env) {
    StoreSettings settings = StoreSettings.resolve(dbUrl, stateDir, env);
    return new ExportStore(Database.open(settings.jdbcUrl()), settings.stateDir().toAbsolutePath());
  }

  /** The state directory that {@link #open} with these arguments uses, without opening it. */
  public static Path stateDir(String stateDir, Map<String, String> env) {
    return StoreSettings.resolve(null, stateDir, env).stateDir().toAbsolutePath();
  }

  /** Where the exports are, for messages: the JDBC URL without its settings and password. */
  public String where() {
    return db.displayUrl().split(";", 2)[0];
  }

  /** Where part files live. */
  public Path stateDir() {
    return stateDir;
  }

  /** Reads exports: no Genesys client, no workers. */
  public ExportCatalog catalog() {
    return new ExportCatalog(db);
  }

  /**
   * Submits and cancels exports without running them; a cancel asks {@code canceller} to cancel the
   * Genesys jobs ({@link JobCanceller#NONE} leaves them to expire). Close it after cancelling.
   */
  public Exports exports(JobCanceller canceller) {
    return Exports.withCanceller(db, stateDir, Clock.systemUTC(), canceller);
  }

  /**
   * The whole engine over this store, reading Genesys through {@code genesys}, its workers not
   * started yet.
   */
  public Engine engine(GenesysConnection genesys, EngineSettings settings) {
    return new Engine(db, genesys.analyticsJobs(), genesys.source(), settings, Clock.systemUTC());
  }

  /**
   * The syncs of this store into the table destination {@code to} (checked writable first), their
   * exports run by {@code engine}: what {@code gcjobs sync} runs.
   *
   * @param kind {@code conversations} or {@code users}: the tables checked
   * @param requests the Genesys requests this process made so far, for the cycles' counts
   * @throws dev.gcjobs.tables.TablesException (subject {@code DESTINATION}) when {@code to} cannot
   *     be used
   */
  public SyncsInto syncsInto(
      Engine engine,
      String to,
      String schema,
      String kind,
      Map<String, String> env,
      LongSupplier requests) {
    TableTarget target = SyncSetup.checkedTarget(to, schema, env, kind.toUpperCase(Locale.ROOT));
    Syncs syncs = SyncSetup.syncs(db, stateDir, engine, def -> target, requests);
    return new SyncsInto(syncs, SyncSetup.name(target));
  }

  /**
   * The syncs of this store into the service's named destinations, their exports run by {@code
   * engine}: what {@code gcjobs serve} runs.
   *
   * @param requests the Genesys requests this process made so far, for the cycles' counts
   */
  Syncs serviceSyncs(Engine engine, SyncDestinations destinations, LongSupplier requests) {
    return SyncSetup.syncs(db, stateDir, engine, destinations::target, requests);
  }

  /**
   * The loads of the service's exports into its named destinations, the exports read from {@code
   * engine}; not started yet.
   */
  ExportLoads exportLoads(Engine engine, SyncDestinations destinations) {
    return new ExportLoads(db.exportLoads(), engine.exports(), destinations, Clock.systemUTC());
  }

  /** The syncs, and the name a sync's definition gives the destination they were opened for. */
  public record SyncsInto(Syncs syncs, String destination) {}

  /** Engine settings with every default, parts in this store's state directory. */
  public EngineSettings defaultEngineSettings() {
    return EngineSettings.defaults(stateDir);
  }

  /** Whether the database answers now: for health checks. */
  public boolean answers() {
    try (Connection connection = db.dataSource().getConnection()) {
      return connection.isValid(HEALTH_CHECK_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    db.close();
  }
}
