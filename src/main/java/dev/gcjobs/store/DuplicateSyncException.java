package dev.gcjobs.store;

/** A sync of the same kind into the same destination exists already: {@link #existing()}. */
public final class DuplicateSyncException extends StoreException {
  private final transient SyncRow existing;

  DuplicateSyncException(SyncRow existing) {
    super(
        "sync "
            + existing.id()
            + " already copies "
            + existing.kind()
            + " into "
            + existing.destination());
    this.existing = existing;
  }

  /** The sync that holds the destination and kind. */
  public SyncRow existing() {
    return existing;
  }
}
