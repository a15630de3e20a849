package dev.gcjobs.sync;

/** Another process runs the sync's cycles now; its claim ends when it stops renewing it. */
public final class SyncBusy extends RuntimeException {
  SyncBusy(String syncId, String owner) {
    super("sync " + syncId + " is running in " + owner);
  }
}
