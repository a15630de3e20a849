package dev.gcjobs.sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A finished chunk's part file, as the store knows it, for {@link OutputAssembler} and {@link
 * IncrementalOutput}.
 *
 * @param seq the chunk's position; parts are joined in this order
 * @param intervalStart start of the chunk's interval
 * @param intervalEnd end of the chunk's interval
 * @param path the part file
 * @param checkpoint its last checkpoint: only these bytes are used
 */
public record PartFile(
    int seq, Instant intervalStart, Instant intervalEnd, Path path, PartCheckpoint checkpoint) {
  /** Validates that every field is present. */
  public PartFile {
    Objects.requireNonNull(intervalStart, "intervalStart");
    Objects.requireNonNull(intervalEnd, "intervalEnd");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(checkpoint, "checkpoint");
  }

  /**
   * Checks that the part can be joined into {@code target}: it holds its checkpointed bytes, and
   * for a file output (a plain copy) its compression matches.
   *
   * @throws SinkException when it is missing, shorter than its checkpoint or of the wrong
   *     compression
   */
  void checkFor(OutputTarget target) {
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      throw new SinkException(
          "part file " + path + " of chunk " + seq + " is missing: " + e.getMessage(), e);
    }
    if (size < checkpoint.bytes()) {
      throw new SinkException(
          "part file "
              + path
              + " has "
              + size
              + " bytes, fewer than the "
              + checkpoint.bytes()
              + " of its checkpoint: it was changed outside gcjobs");
    }
    // A file output is a plain copy, so compressions must match; a stream decompresses as needed.
    if (!target.isStream() && checkpoint.bytes() > 0 && isGzip() != target.gzip()) {
      throw new SinkException(
          "part file "
              + path
              + (target.gzip()
                  ? " is not gzip but the output is"
                  : " is gzip but the output is plain"));
    }
  }

  /** Whether the file starts with the gzip magic bytes. */
  boolean isGzip() {
    try (InputStream in = Files.newInputStream(path)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    } catch (IOException e) {
      throw new SinkException("cannot read part file " + path + ": " + e.getMessage(), e);
    }
  }

  /** The part's bytes up to its checkpoint, as written. */
  InputStream openCheckpointed() throws IOException {
    return new LimitedInputStream(Files.newInputStream(path), checkpoint.bytes());
  }
}
