package dev.gcjobs.engine;

import dev.gcjobs.sink.SavedPart;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the front doors (CLI, HTTP service) ask of the engine. Every call answers at once from the
 * store; the long work runs in the engine's workers. Thread-safe.
 */
public interface ExportService extends ExportReader {

  /**
   * Starts an export, or returns the existing one: the same idempotency key (when not null), or the
   * same request key while that export is not cancelled, gives back the same export.
   *
   * @throws InvalidRequest when the request cannot run (for example an unwritable output)
   */
  ExportStatus submit(ExportRequest request, String idempotencyKey);

  /**
   * Up to when Genesys' data lake is complete for {@code kind}, for an interval ending at {@code
   * available}; empty when not known here.
   *
   * @throws AvailabilityUnknown when Genesys cannot say
   */
  Optional<Instant> dataAvailability(ExportKind kind);

  /**
   * Cancels a running export and its Genesys jobs; a finished export stays as it is.
   *
   * @return the export's state after the call, or empty when no export has that id
   */
  Optional<ExportStatus> cancel(String exportId);

  /**
   * The part files of a running export's chunks as saved so far, in seq order, for a reader that
   * takes the records as they come: every chunk that saved a page, done or not. Once the export has
   * ended its parts are gone: the output holds them.
   *
   * @return empty when the export is not running or writes to a stream
   */
  List<SavedPart> savedParts(String exportId);
}
