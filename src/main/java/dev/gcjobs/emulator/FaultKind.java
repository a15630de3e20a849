package dev.gcjobs.emulator;

import java.util.Locale;

/** A failure the emulator can inject into an answer instead of (or on top of) the real one. */
public enum FaultKind {
  /** 400 Bad Request with an ErrorBody: the request is wrong, asking again cannot help. */
  BAD_REQUEST("400", 400),
  /** 404 Not Found with an ErrorBody: what the request names is not there (yet). */
  NOT_FOUND("404", 404),
  /** 429 with {@code Retry-After} and the normalized rate-limit body. */
  TOO_MANY_REQUESTS("429", 429),
  /** 500 Internal Server Error with an ErrorBody. */
  INTERNAL_ERROR("500", 500),
  /** 502 Bad Gateway with an ErrorBody. */
  BAD_GATEWAY("502", 502),
  /** 503 Service Unavailable with an ErrorBody. */
  SERVICE_UNAVAILABLE("503", 503),
  /** 504 Gateway Timeout with an ErrorBody. */
  GATEWAY_TIMEOUT("504", 504),
  /** The connection is reset before any answer is sent: the client sees an IOException. */
  CONNECTION_RESET("reset", 0),
  /** The answer is the real one, sent after the configured slow delay. */
  SLOW("slow", 0),
  /**
   * The real answer's headers announce its full length but only part of the body is sent before the
   * connection is closed: the client sees a short body or an IOException.
   */
  TRUNCATED_BODY("truncate", 0);

  private final String wireName;
  private final int status;

  FaultKind(String wireName, int status) {
    this.wireName = wireName;
    this.status = status;
  }

  /** The name used in fault rules: {@code 429}, {@code 503}, {@code reset}, {@code slow}, ... */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status this fault answers with, or 0 when it is not an error status. */
  public int status() {
    return status;
  }

  boolean isErrorStatus() {
    return status != 0;
  }

  /**
   * Finds a fault kind by its wire name ({@code truncated} is accepted for {@code truncate}).
   *
   * @throws IllegalArgumentException naming the valid names when none matches
   */
  public static FaultKind fromWireName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    if (wanted.equals("truncated")) {
      return TRUNCATED_BODY;
    }
    for (FaultKind k : values()) {
      if (k.wireName.equals(wanted)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown fault '"
            + name
            + "'; use one of 400, 404, 429, 500, 502, 503, 504, reset, slow, truncate");
  }
}
