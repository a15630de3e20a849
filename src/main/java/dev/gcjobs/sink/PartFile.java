package dev.gcjobs.sink;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A finished chunk's part file, as the store knows it, for {@link OutputAssembler}.
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
}
