package dev.gcjobs.cli;

import dev.gcjobs.app.ExportStore;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --keys-file}: where the API keys of {@code gcjobs serve} are kept. */
final class KeysFileOption {
  /** The variable naming the key file when no flag does. */
  static final String ENV = "GCJOBS_KEYS_FILE";

  static final String FILE_NAME = "api-keys.json";

  @Option(
      names = "--keys-file",
      paramLabel = "FILE",
      description =
          "API key file (salted hashes). Default: $"
              + ENV
              + ", else "
              + FILE_NAME
              + " in the state directory ($GCJOBS_STATE_DIR, else ./.gcjobs).")
  Path keysFile;

  /** The flag, else {@value #ENV}, else {@code api-keys.json} in the state directory. */
  Path resolve(Path stateDir, Map<String, String> env) {
    if (keysFile != null) {
      return keysFile.toAbsolutePath();
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv.strip()).toAbsolutePath();
    }
    Path dir = stateDir != null ? stateDir : ExportStore.stateDir(null, env);
    return dir.resolve(FILE_NAME).toAbsolutePath();
  }
}
