package dev.gcjobs.engine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reading exports: what a read-only use (listing, showing, serving outputs) needs, with no Genesys
 * client and no workers. Every call answers at once from the store. Thread-safe.
 */
public interface ExportReader {

  /** The export's current state, or empty when no export has that id. */
  Optional<ExportStatus> find(String exportId);

  /**
   * Exports, newest first.
   *
   * @param state only exports in this state, or null for all
   * @param limit at most this many (1..500)
   * @param cursor the {@code nextCursor} of the previous listing, or null for the first
   * @throws InvalidRequest (field {@code limit} or {@code cursor}) when one is out of range or
   *     unreadable
   */
  ExportListing list(ExportStatus.State state, int limit, String cursor);

  /** The plain NDJSON output of a DONE export, or empty while it has none. */
  Optional<Path> output(String exportId);
}
