package dev.gcjobs.cli;

import dev.gcjobs.store.Database;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where gcjobs keeps its state: the database of exports and the part files. */
final class StoreOptions {
  /** Beside the user's other tool state, so that the same export resumes from any directory. */
  static final Path DEFAULT_STATE_DIR = Path.of(System.getProperty("user.home"), ".gcjobs");

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where part files (and the default H2 database) live. Default: $GCJOBS_STATE_DIR, else"
              + " ~/.gcjobs.")
  Path stateDir;

  @Option(
      names = "--db",
      paramLabel = "JDBC_URL",
      description =
          "Database of exports and checkpoints, e.g."
              + " jdbc:postgresql://127.0.0.1:5432/gcjobs?user=gcjobs. Default: $GCJOBS_DB, else an"
              + " H2 file in the state directory.")
  String db;

  Path stateDir() {
    if (stateDir != null) {
      return stateDir.toAbsolutePath();
    }
    String env = System.getenv("GCJOBS_STATE_DIR");
    return env == null || env.isBlank() ? DEFAULT_STATE_DIR : Path.of(env).toAbsolutePath();
  }

  /** Opens (and migrates) the database. */
  Database open() {
    String url = db != null ? db : System.getenv("GCJOBS_DB");
    return Database.open(url == null || url.isBlank() ? Database.h2FileUrl(stateDir()) : url);
  }
}
