package dev.gcjobs.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request the service answers with a 4xx (or a 503): the status, a stable {@code code}, a message
 * for people and, when one part of the request is at fault, its {@code field}. {@link ErrorMapping}
 * writes it as {@code {"error": {"code", "message", "field"?}}}.
 *
 * <p>Messages never hold secrets or internals: they are written for the caller.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final String code;
  private final String field;
  private final Map<String, String> headers;

  private ApiError(int status, String code, String message, String field, Map<String, String> h) {
    // No stack trace: an ApiError is an answer, not a crash.
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.field = field;
    this.headers = Map.copyOf(h);
  }

  /** An error with no field at fault. */
  public static ApiError of(int status, String code, String message) {
    return new ApiError(status, code, message, null, Map.of());
  }

  /** A 400 naming the request part at fault (a query parameter, a header, a body field). */
  public static ApiError badRequest(String code, String field, String message) {
    return new ApiError(400, code, message, field, Map.of());
  }

  /** A 404 for an export id that does not exist. */
  public static ApiError exportNotFound(String id) {
    return of(
        404,
        "export_not_found",
        "no export has the id \"" + id + "\"; list them with GET /v1/exports.");
  }

  /** A 413 for a body larger than {@code maxBodyBytes}. */
  public static ApiError bodyTooLarge(long maxBodyBytes) {
    return of(
        413,
        "body_too_large",
        "the body is larger than " + maxBodyBytes + " bytes; send a smaller request.");
  }

  /**
   * A 404 for a sync id that does not exist here (or syncs into a destination not served here).
   *
   * @param id the id asked for, or null when it cannot be a sync id (and is not echoed)
   */
  public static ApiError syncNotFound(String id) {
    String shown = id == null ? "that id" : "the id \"" + id + "\"";
    return of(404, "sync_not_found", "no sync has " + shown + "; list them with GET /v1/syncs.");
  }

  /** The same error with one more response header (e.g. {@code Retry-After}). */
  public ApiError withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiError(status, code, getMessage(), field, more);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The stable error code, e.g. {@code invalid_request}. */
  public String code() {
    return code;
  }

  /** The request part at fault, or null. */
  public String field() {
    return field;
  }

  /** Response headers that go with the error. */
  public Map<String, String> headers() {
    return headers;
  }
}
