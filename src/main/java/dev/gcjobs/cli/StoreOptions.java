package dev.gcjobs.cli;

import dev.gcjobs.app.ExportStore;
import dev.gcjobs.store.StoreException;
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

  Path stateDir() {
    return ExportStore.stateDir(stateDir, System.getenv());
  }

  /**
   * The message of a failure, a store failure led by the flag that fixes it ({@code --db} or {@code
   * --state-dir}).
   */
  static String describe(RuntimeException e) {
    if (e instanceof StoreException store) {
      return switch (store.setting()) {
        case DATABASE -> "--db: " + store.getMessage();
        case STATE_DIRECTORY -> "--state-dir: " + store.getMessage();
        case NONE -> store.getMessage();
      };
    }
    return e.getMessage();
  }

  /** Opens (and migrates) the store. */
  ExportStore open() {
    return ExportStore.open(db, stateDir, System.getenv());
  }
}
