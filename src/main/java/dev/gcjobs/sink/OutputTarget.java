package dev.gcjobs.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an export's records go, parsed once where the user names it: an NDJSON file,
 * gzip-compressed when its name ends in {@code .gz}, or a stream such as stdout ({@code -}) that
 * receives plain NDJSON. Two targets are equal when they name the same file, or the same stream.
 */
public final class OutputTarget {
  /** Compressions users might expect from the extension but gcjobs does not write. */
  private static final List<String> UNSUPPORTED =
      List.of(".zip", ".bz2", ".xz", ".zst", ".lz4", ".7z");

  private final Path file;
  private final OutputStream stream;

  private OutputTarget(Path file, OutputStream stream) {
    this.file = file;
    this.stream = stream;
  }

  /** What {@link #parse} reads as stdout. */
  public static final String STDOUT = "-";

  /**
   * Reads an output as users write it: {@code -} is stdout, anything else a file path, made
   * absolute so that the same output is the same target from any working directory.
   *
   * @throws SinkException when the value is empty or names a compression gcjobs does not write
   */
  public static OutputTarget parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new SinkException("give an output file (.ndjson or .ndjson.gz) or - for stdout");
    }
    if (spec.equals(STDOUT)) {
      return new OutputTarget(null, System.out);
    }
    String lower = spec.toLowerCase(Locale.ROOT);
    for (String extension : UNSUPPORTED) {
      if (lower.endsWith(extension)) {
        throw new SinkException(
            spec + ": gcjobs writes NDJSON, plain or gzip; name the file .ndjson or .ndjson.gz");
      }
    }
    try {
      return new OutputTarget(Path.of(spec).toAbsolutePath().normalize(), null);
    } catch (InvalidPathException e) {
      throw new SinkException(spec + ": not a file path (" + e.getReason() + ")");
    }
  }

  /** Plain NDJSON to {@code stream} (not closed by gcjobs), for library callers and tests. */
  public static OutputTarget stream(OutputStream stream) {
    return new OutputTarget(null, Objects.requireNonNull(stream, "stream"));
  }

  /** Whether records go to a stream (stdout) rather than a file. */
  public boolean isStream() {
    return file == null;
  }

  /** The output file, or null for a stream. */
  public Path file() {
    return file;
  }

  /** The stream, or null for a file. */
  public OutputStream stream() {
    return stream;
  }

  /**
   * Whether the output is gzip-compressed ({@code .gz} file). Part files are compressed exactly
   * when the output is, so that joining them is a plain copy.
   */
  public boolean gzip() {
    return file != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  /** {@code <output>.manifest.json}, or null for a stream. */
  public Path manifestFile() {
    return file == null ? null : file.resolveSibling(file.getFileName() + ".manifest.json");
  }

  /**
   * Checks, before anything is sent to Genesys, that the output can be written: its directory
   * exists and accepts new files (tried for real, so it holds for root and read-only mounts too),
   * and the output is not a directory. Streams always pass.
   *
   * @throws SinkException naming the file, the directory and what to do
   */
  public void validate() {
    if (file == null) {
      return;
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    if (Files.isDirectory(file)) {
      throw new SinkException(
          file + ": is a directory; give a file name such as " + file.resolve("export.ndjson.gz"));
    }
    if (!Files.isDirectory(dir)) {
      throw new SinkException(
          file
              + ": directory "
              + dir
              + (Files.exists(dir) ? " is not a directory" : " does not exist; create it first"));
    }
    try {
      Files.delete(Files.createTempFile(dir, ".gcjobs-probe-", ".tmp"));
    } catch (IOException e) {
      throw new SinkException(
          file
              + ": cannot write in directory "
              + dir
              + " ("
              + reason(e)
              + "); choose a writable directory",
          e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason(); // e.g. "Read-only file system", "No space left on device"
    }
    return e.getClass().getSimpleName();
  }

  /** The target as {@link #parse} reads it: the absolute file path, or {@code -} for a stream. */
  public String spec() {
    return file == null ? STDOUT : file.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputTarget other
        && Objects.equals(file, other.file)
        && stream == other.stream;
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, System.identityHashCode(stream));
  }

  @Override
  public String toString() {
    return spec();
  }
}
