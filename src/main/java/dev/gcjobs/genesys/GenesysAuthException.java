package dev.gcjobs.genesys;

/**
 * The client could not log in to Genesys Cloud (fetch an OAuth token), or Genesys refused a fresh
 * token. {@link #likelyProblem()} says what to check; the message says it in words and never shows
 * the secret.
 */
public class GenesysAuthException extends GenesysException {

  /** What is most likely wrong when login fails. */
  public enum LikelyProblem {
    /** Genesys refused the client id or secret (or the OAuth client lives in another region). */
    CREDENTIALS,
    /** The login host could not be reached or has no token endpoint: the region is likely wrong. */
    REGION,
    /**
     * The OAuth client exists but may not use the client-credentials grant, or was refused a token.
     */
    GRANT,
    /** Genesys login kept failing with transient errors until the deadline. */
    SERVICE
  }

  private final LikelyProblem likelyProblem;

  GenesysAuthException(
      String message,
      LikelyProblem likelyProblem,
      int status,
      ErrorBody body,
      String method,
      String path,
      Throwable cause) {
    super(
        message,
        status,
        body.code(),
        body.message(),
        body.contextId(),
        method,
        path,
        likelyProblem == LikelyProblem.SERVICE,
        cause);
    this.likelyProblem = likelyProblem;
  }

  /** What is most likely wrong. */
  public LikelyProblem likelyProblem() {
    return likelyProblem;
  }
}
