package dev.gcjobs.sync;

/**
 * An export of the service that ends in a named table destination, and how its load went.
 *
 * @param exportId the export
 * @param destination the destination's configured name
 * @param state PENDING until loaded or given up, then DONE or FAILED
 * @param inserted records new to the tables (0 unless DONE)
 * @param changed records whose rows were replaced (0 unless DONE)
 * @param unchanged records already there with the same content (0 unless DONE)
 * @param error why it failed (FAILED), or why its last try did (PENDING, tried again); else null
 */
public record ExportLoad(
    String exportId,
    String destination,
    State state,
    long inserted,
    long changed,
    long unchanged,
    String error) {

  /** Where a load is: PENDING while its export runs or its destination cannot be written. */
  public enum State {
    PENDING,
    DONE,
    FAILED
  }
}
