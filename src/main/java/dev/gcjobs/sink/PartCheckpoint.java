package dev.gcjobs.sink;

/**
 * A durable point in a part file: its length in bytes and the records before it. The engine stores
 * both in the chunk row ({@code part_bytes}, {@code records}) once {@link PartWriter#checkpoint()}
 * returned, and reopens the part at this point after a crash.
 *
 * @param bytes the part file's length
 * @param records how many records the file holds up to {@code bytes}
 */
public record PartCheckpoint(long bytes, long records) {
  /** The start of a new part file. */
  public static final PartCheckpoint EMPTY = new PartCheckpoint(0, 0);

  /** Validates that both are non-negative. */
  public PartCheckpoint {
    if (bytes < 0 || records < 0) {
      throw new IllegalArgumentException(
          "checkpoint must be >= 0: " + bytes + " bytes, " + records + " records");
    }
  }
}
