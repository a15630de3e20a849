package dev.gcjobs.genesys;

/**
 * The root of every failure of the Genesys client: unchecked, with the structured fields of the
 * Genesys error body and of the request that failed.
 *
 * <p>{@link #getMessage()} is one line meant for a person: the request, the status, the Genesys
 * code and message, and the context id to quote to Genesys support. It never contains a secret or a
 * token. {@link #isTransient()} says whether the cause may pass (rate limits, 5xx, network, the
 * call's deadline): a caller may try the whole step again later, whereas a non-transient failure (a
 * bad query, a missing permission) gives the same answer every time.
 */
public class GenesysException extends RuntimeException {
  private final int status;
  private final String code;
  private final String genesysMessage;
  private final String contextId;
  private final String method;
  private final String path;
  private final boolean transientFailure;

  /**
   * @param message the full one-line message
   * @param status the HTTP status, or 0 when there was no HTTP answer
   * @param code the Genesys error code (such as {@code not.found}), or null
   * @param genesysMessage the message from the Genesys error body, or null
   * @param contextId the Genesys context id (or correlation id) of the failed answer, or null
   * @param method the HTTP method of the failed request, or null when no request was involved
   * @param path the path of the failed request without its query string, or null
   * @param transientFailure whether the cause may pass with time
   * @param cause the underlying exception, or null
   */
  public GenesysException(
      String message,
      int status,
      String code,
      String genesysMessage,
      String contextId,
      String method,
      String path,
      boolean transientFailure,
      Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
    this.genesysMessage = genesysMessage;
    this.contextId = contextId;
    this.method = method;
    this.path = path;
    this.transientFailure = transientFailure;
  }

  /** Builds the exception for a final, non-retryable error answer. */
  static GenesysException fromResponse(
      String method, String path, int status, ErrorBody body, String problem) {
    return new GenesysException(
        describe(method, path, status, body, problem),
        status,
        body.code(),
        body.message(),
        body.contextId(),
        method,
        path,
        false,
        null);
  }

  /** One line: {@code GET /path: 404 not.found: message (contextId x). problem} */
  static String describe(String method, String path, int status, ErrorBody body, String problem) {
    StringBuilder s = new StringBuilder().append(method).append(' ').append(path).append(": ");
    s.append(status);
    if (body.code() != null) {
      s.append(' ').append(body.code());
    }
    if (body.message() != null) {
      s.append(": ").append(body.message());
    }
    if (body.contextId() != null) {
      s.append(" (contextId ").append(body.contextId()).append(')');
    }
    if (problem != null) {
      s.append(". ").append(problem);
    }
    return s.toString();
  }

  /** The HTTP status of the failed answer, or 0 when there was none (network, deadline, config). */
  public int status() {
    return status;
  }

  /**
   * The Genesys error code, such as {@code not.found} or {@code missing.any.permissions}; null if
   * none.
   */
  public String code() {
    return code;
  }

  /** The message of the Genesys error body as Genesys wrote it; null if none. */
  public String genesysMessage() {
    return genesysMessage;
  }

  /** The Genesys context id (for support tickets); null if the answer had none. */
  public String contextId() {
    return contextId;
  }

  /** The HTTP method of the failed request; null if the failure was not about one request. */
  public String method() {
    return method;
  }

  /** The path of the failed request, without its query string; null if not about one request. */
  public String path() {
    return path;
  }

  /** Whether the failure may pass with time, so the caller may try the step again later. */
  public boolean isTransient() {
    return transientFailure;
  }
}
