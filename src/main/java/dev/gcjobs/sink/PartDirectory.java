package dev.gcjobs.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where one export keeps its part files: {@code
 * <stateDir>/parts/<exportId>/chunk-00000.ndjson[.gz]}.
 *
 * @param dir the export's part directory
 */
public record PartDirectory(Path dir) {
  /** The part directory of {@code exportId} under the state directory. */
  public static PartDirectory of(Path stateDir, String exportId) {
    return new PartDirectory(stateDir.resolve("parts").resolve(exportId));
  }

  /** The part file of chunk {@code seq}; gzip parts end in {@code .ndjson.gz}. */
  public Path part(int seq, boolean gzip) {
    return dir.resolve(String.format("chunk-%05d.ndjson%s", seq, gzip ? ".gz" : ""));
  }

  /** Deletes the directory and its part files (after the output is assembled, or on cancel). */
  public void delete() {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new SinkException("cannot delete part directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
