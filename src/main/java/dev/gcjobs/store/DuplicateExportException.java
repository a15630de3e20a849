package dev.gcjobs.store;

/**
 * An export with the same id, request key or idempotency key already exists. Callers that race to
 * start the same export catch this and resume the stored one ({@link
 * ExportRepository#findByRequestKey(String)}).
 */
public final class DuplicateExportException extends StoreException {
  /** Creates the exception; {@code message} names the key that clashed. */
  public DuplicateExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
