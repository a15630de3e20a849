package dev.gcjobs.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where gcjobs keeps its state: the state directory (part files, and the H2 database unless {@code
 * --db} says otherwise) and the JDBC URL of the store. Flags win over environment variables, which
 * win over defaults.
 *
 * @param stateDir the state directory
 * @param jdbcUrl the store's JDBC URL
 */
public record StoreSettings(Path stateDir, String jdbcUrl) {
  /** Environment variable for the state directory. */
  public static final String STATE_DIR_ENV = "GCJOBS_STATE_DIR";

  /** Environment variable for the JDBC URL. */
  public static final String DB_ENV = "GCJOBS_DB";

  /**
   * Default state directory, relative to the working directory: exports resume when the same
   * command runs again from the same place, part files land on the disk the user is working on, and
   * two projects never contend for one H2 file.
   */
  public static final Path DEFAULT_STATE_DIR = Path.of(".gcjobs");

  /**
   * Resolves the settings.
   *
   * @param dbFlag the {@code --db} flag, or null
   * @param stateDirFlag the {@code --state-dir} flag, or null
   * @param env the environment, usually {@link System#getenv()}
   */
  public static StoreSettings resolve(String dbFlag, String stateDirFlag, Map<String, String> env) {
    Path stateDir =
        Path.of(firstNonBlank(stateDirFlag, env.get(STATE_DIR_ENV), DEFAULT_STATE_DIR.toString()));
    String jdbcUrl = firstNonBlank(dbFlag, env.get(DB_ENV), Database.h2FileUrl(stateDir));
    return new StoreSettings(stateDir, jdbcUrl);
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    throw new IllegalStateException("no default");
  }

  /** The settings without secrets, for logs. */
  @Override
  public String toString() {
    return "StoreSettings[stateDir=" + stateDir + ", jdbcUrl=" + Database.redact(jdbcUrl) + "]";
  }
}
