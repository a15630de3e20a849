package dev.gcjobs.engine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the front doors (CLI, HTTP service) ask of the engine. Every call answers at once from the
 * store; the long work runs in the engine's workers. Thread-safe.
 */
public interface ExportService {

  /**
   * Starts an export, or returns the existing one: the same idempotency key (when not null), or the
   * same request key while that export is not cancelled, gives back the same export.
   *
   * @throws InvalidRequest when the request cannot run (for example an unwritable output)
   */
  ExportStatus submit(ExportRequest request, String idempotencyKey);

  /** The export's current state, or empty when no export has that id. */
  Optional<ExportStatus> find(String exportId);

  /**
   * Exports, newest first.
   *
   * @param state only exports in this state, or null for all
   * @param limit at most this many (1..500)
   * @param cursor the {@code nextCursor} of the previous listing, or null for the first
   */
  ExportListing list(ExportStatus.State state, int limit, String cursor);

  /**
   * Cancels a running export and its Genesys jobs; a finished export stays as it is.
   *
   * @return the export's state after the call, or empty when no export has that id
   */
  Optional<ExportStatus> cancel(String exportId);

  /** The plain NDJSON output of a DONE export, or empty while it has none. */
  Optional<Path> output(String exportId);
}
