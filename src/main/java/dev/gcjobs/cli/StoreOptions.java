package dev.gcjobs.cli;

import dev.gcjobs.store.Database;
import dev.gcjobs.store.StoreSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where gcjobs keeps its state: the database of exports and the part files. */
final class StoreOptions {
  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where part files (and the default H2 database) live. Default: $GCJOBS_STATE_DIR, else"
              + " ./.gcjobs.")
  String stateDir;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "Database of exports and checkpoints, e.g."
              + " jdbc:postgresql://127.0.0.1:5432/gcjobs?user=gcjobs. Default: $GCJOBS_DB, else an"
              + " H2 file in the state directory.")
  String db;

  StoreSettings settings() {
    return StoreSettings.resolve(db, stateDir, System.getenv());
  }

  Path stateDir() {
    return settings().stateDir().toAbsolutePath();
  }

  /** Opens (and migrates) the database. */
  Database open() {
    return Database.open(settings().jdbcUrl());
  }
}
