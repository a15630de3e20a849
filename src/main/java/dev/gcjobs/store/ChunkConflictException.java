package dev.gcjobs.store;

/**
 * A chunk changed in the store since the caller read it: the export was cancelled or run again, or
 * another process runs the chunk's step (its process was taken for dead). The caller must drop its
 * copy and stop working on the chunk; whatever it did since its last save is redone.
 */
public final class ChunkConflictException extends StoreException {
  private final String exportId;
  private final int seq;
  private final long expectedVersion;

  /** Creates the exception for chunk {@code seq} of {@code exportId}. */
  public ChunkConflictException(String exportId, int seq, long expectedVersion) {
    super(
        "chunk "
            + seq
            + " of export "
            + exportId
            + " changed since version "
            + expectedVersion
            + " (another worker took it over, or the export was cancelled)");
    this.exportId = exportId;
    this.seq = seq;
    this.expectedVersion = expectedVersion;
  }

  /** The export the chunk belongs to. */
  public String exportId() {
    return exportId;
  }

  /** The chunk's sequence number within its export. */
  public int seq() {
    return seq;
  }

  /** The version the caller held, which is no longer the stored one. */
  public long expectedVersion() {
    return expectedVersion;
  }
}
