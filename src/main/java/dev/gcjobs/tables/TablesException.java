package dev.gcjobs.tables;

/**
 * Loading or querying tables failed. The message is one line meant for the user, in the tables' own
 * terms (the front doors name their flags from {@link #subject()}); it names the destination and
 * never contains a password.
 */
public class TablesException extends RuntimeException {
  /** What a user would change to fix it. */
  public enum Subject {
    /** The destination: not a destination, unwritable, in use, unreachable, or refused login. */
    DESTINATION,
    /**
     * The schema named: not a plain name, or holding a table of the same name with other columns.
     */
    SCHEMA,
    /** The records read: missing, not JSON, or not records gcjobs knows. */
    INPUT,
    /** The query given: not valid SQL, or naming a table that does not exist. */
    QUERY,
    /** None: a statement failed on a working destination. */
    NONE
  }

  private final Subject subject;

  /** Creates an exception about {@code subject} with a user-facing message and its cause. */
  public TablesException(Subject subject, String message, Throwable cause) {
    super(message, cause);
    this.subject = subject;
  }

  /** Creates an exception about {@code subject} with a user-facing message. */
  public TablesException(Subject subject, String message) {
    this(subject, message, null);
  }

  /** What a user would change to fix it. */
  public Subject subject() {
    return subject;
  }
}
