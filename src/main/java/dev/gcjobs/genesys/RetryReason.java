package dev.gcjobs.genesys;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why a failed attempt is worth trying again. The static methods are the retry ladder: a failure
 * they return null for is final.
 */
enum RetryReason {
  /** 429: the rate limit is used up; wait as told. */
  RATE_LIMITED("rate_limited"),
  /** 502, 503, 504: a gateway or an overloaded service. */
  SERVER_UNAVAILABLE("server_unavailable"),
  /** 500 to a request that is safe to send again: Genesys' own 500s are often passing. */
  SERVER_ERROR("server_error"),
  /** The connection was refused, reset or closed before the answer was complete. */
  CONNECTION_FAILED("connection_failed"),
  /** No answer within the request timeout. */
  TIMEOUT("timeout"),
  /** A 2xx answer whose body is truncated or not the JSON expected. */
  MALFORMED_BODY("malformed_body"),
  /**
   * 401: the token expired or was revoked early. No rung of the ladder returns it, because waiting
   * does not help; the client repeats the attempt once with a fresh token.
   */
  UNAUTHORIZED("unauthorized");

  private final String tag;

  RetryReason(String tag) {
    this.tag = tag;
  }

  /** The value of the {@code reason} tag in metrics. */
  String tag() {
    return tag;
  }

  /**
   * The reason to retry an error answer with this status, or null when it is final.
   *
   * @param idempotent whether sending the request again is safe (reads, deletes, a login), unlike a
   *     job submit, which a 500 may have created already
   */
  static RetryReason forStatus(int status, boolean idempotent) {
    // A 429 means "not now", never "no": Retry-After says when.
    if (status == 429) {
      return RATE_LIMITED;
    }
    // Gateways and overloaded services recover; the same request usually succeeds moments later.
    if (status == 502 || status == 503 || status == 504) {
      return SERVER_UNAVAILABLE;
    }
    // Genesys answers passing 500s too; a read asks again with backoff, and the attempts are
    // bounded. A submit that got a 500 may have created its job: sending it again is not safe.
    if (status == 500 && idempotent) {
      return SERVER_ERROR;
    }
    // Any other 4xx (bad query, permissions, unknown job) answers the same every time.
    return null;
  }

  /** The reason to retry after an exception from the HTTP client, or null when it is final. */
  static RetryReason forException(IOException e) {
    // Connect and request timeouts: the network or the service was slow this time.
    if (e instanceof HttpTimeoutException) {
      return TIMEOUT;
    }
    // A TLS failure is a certificate or proxy problem: it will fail the same way again.
    if (e instanceof SSLException || e.getCause() instanceof SSLException) {
      return null;
    }
    // Refused connections, resets, EOF, closed streams: the service comes back or the answer broke
    // off; every request the client sends is safe to send again.
    return CONNECTION_FAILED;
  }
}
