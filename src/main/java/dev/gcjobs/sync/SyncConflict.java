package dev.gcjobs.sync;

/**
 * A second sync would write the rows another sync writes: same kind into the same destination, with
 * another query or start. The message names the first; the front doors say what to do.
 */
public final class SyncConflict extends RuntimeException {
  private final String existingId;

  SyncConflict(SyncDefinition existing, String difference) {
    super(
        "sync "
            + existing.id()
            + " already copies "
            + existing.kind().cliName()
            + " into "
            + existing.destination()
            + " from "
            + existing.since()
            + " ("
            + difference
            + ")");
    this.existingId = existing.id();
  }

  /** The id of the sync that holds the destination and kind. */
  public String existingId() {
    return existingId;
  }
}
