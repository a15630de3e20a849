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

  /** The reason to retry an error answer with this status, or null when it is final. */
  static RetryReason forStatus(int status) {
    // A 429 means "not now", never "no": Retry-After says when.
    if (status == 429) {
      return RATE_LIMITED;
    }
    // Gateways and overloaded services recover; the same request usually succeeds moments later.
    if (status == 502 || status == 503 || status == 504) {
      return SERVER_UNAVAILABLE;
    }
    // Any other 4xx (bad query, permissions, unknown job) answers the same every time.
    // A 500 is a fault in the request's handling more often than a blip: retrying hides bugs.
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
