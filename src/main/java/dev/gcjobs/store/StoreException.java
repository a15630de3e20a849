package dev.gcjobs.store;

/**
 * The store failed: the database is unreachable, the URL is wrong, or a statement failed. The
 * message is one line meant for the user, in the store's own terms (the front doors name their
 * flags from {@link #setting()}); it never contains a password from the JDBC URL.
 */
public class StoreException extends RuntimeException {
  /** Which setting a user would change to fix it. */
  public enum Setting {
    /** The database URL: wrong, unreachable, or the database is in use. */
    DATABASE,
    /** The state directory: cannot be created or written. */
    STATE_DIRECTORY,
    /** None: a statement failed on a working database. */
    NONE
  }

  private final Setting setting;

  /** Creates an exception about {@code setting} with a user-facing message and its cause. */
  public StoreException(Setting setting, String message, Throwable cause) {
    super(message, cause);
    this.setting = setting;
  }

  /** Creates an exception with a user-facing message and the underlying cause. */
  public StoreException(String message, Throwable cause) {
    this(Setting.NONE, message, cause);
  }

  /** Creates an exception with a user-facing message. */
  public StoreException(String message) {
    this(Setting.NONE, message, null);
  }

  /** Which setting a user would change to fix it. */
  public Setting setting() {
    return setting;
  }
}
