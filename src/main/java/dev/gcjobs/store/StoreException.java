package dev.gcjobs.store;

/**
 * The store failed: the database is unreachable, the URL is wrong, or a statement failed. The
 * message is one line meant for the user; it never contains a password from the JDBC URL.
 */
public class StoreException extends RuntimeException {
  /** Creates an exception with a user-facing message and the underlying cause. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception with a user-facing message. */
  public StoreException(String message) {
    super(message);
  }
}
