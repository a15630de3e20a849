package dev.gcjobs.cli;

import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.engine.ExportListing;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.genesys.AnalyticsJobsApi;
import dev.gcjobs.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exports in the store, for the {@code gcjobs exports} subcommands: the database and an engine
 * over it that runs no steps. Close it when done.
 */
final class StoredExports implements AutoCloseable {
  /** Shorter prefixes match too much to be meant. */
  static final int MIN_PREFIX = 4;

  private static final int PAGE = 500;

  private final Database db;
  private final Engine engine;

  private StoredExports(Database db, Engine engine) {
    this.db = db;
    this.engine = engine;
  }

  /**
   * Opens the store of {@code store}.
   *
   * @param api the Genesys API to cancel jobs with, or null to read and cancel in the store only
   */
  static StoredExports open(StoreOptions store, AnalyticsJobsApi api) {
    Database db = store.open();
    try {
      // The source only tells exports of different orgs apart at submit, which this engine never
      // does.
      Engine engine =
          new Engine(db, api, "", EngineSettings.defaults(store.stateDir()), Clock.systemUTC());
      return new StoredExports(db, engine);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Where the exports are, for messages: the JDBC URL without its settings and password. */
  String where() {
    return db.displayUrl().split(";", 2)[0];
  }

  Database db() {
    return db;
  }

  Engine engine() {
    return engine;
  }

  /**
   * The export with this id, or else the only one whose id starts with it (like git's short
   * hashes).
   *
   * @throws UnknownExport when none, or several, match
   */
  ExportStatus resolve(String idOrPrefix) {
    Optional<ExportStatus> exact = engine.find(idOrPrefix);
    if (exact.isPresent()) {
      return exact.get();
    }
    List<ExportStatus> matches = new ArrayList<>();
    if (idOrPrefix.length() >= MIN_PREFIX) {
      String cursor = null;
      do {
        ExportListing page = engine.list(null, PAGE, cursor);
        page.exports().stream().filter(e -> e.id().startsWith(idOrPrefix)).forEach(matches::add);
        cursor = page.nextCursor();
      } while (cursor != null);
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty()) {
      throw new UnknownExport(
          "no export "
              + idOrPrefix
              + " in "
              + where()
              + "; `gcjobs exports list` shows the exports there (or use --state-dir / --db)");
    }
    throw new UnknownExport(
        "'"
            + idOrPrefix
            + "' matches "
            + matches.size()
            + " exports ("
            + String.join(", ", matches.stream().map(ExportStatus::id).toList())
            + "); give more of the id");
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      db.close();
    }
  }

  /** No export, or more than one, matches the id given. */
  static final class UnknownExport extends RuntimeException {
    UnknownExport(String message) {
      super(message);
    }
  }
}
