package dev.gcjobs.genesys;

/**
 * A successful answer whose body is truncated or is not the JSON expected. The client treats it as
 * transient and sends the request again, because a cut-off body is usually a broken connection, and
 * a partly read page must never pass for a whole one.
 */
public class MalformedResponseException extends Exception {
  /**
   * @param message what was wrong with the body (never the body itself)
   * @param cause the parser's exception, or null
   */
  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
