package dev.gcjobs.sink;

/**
 * Writing records failed: the output is not writable, a part file does not match its checkpoint, or
 * the disk failed. The message is one line meant for the user.
 */
public class SinkException extends RuntimeException {
  /** Creates an exception with a user-facing message and the underlying cause. */
  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception with a user-facing message. */
  public SinkException(String message) {
    super(message);
  }
}
