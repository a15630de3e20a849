package dev.gcjobs.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The body of every error answer: {@code {"error": {"code", "message", "field"?}}}.
 *
 * @param error what went wrong
 */
record ErrorBody(Detail error) {

  /**
   * @param code a stable code, e.g. {@code invalid_request}
   * @param message what was wrong and what to do, for people
   * @param field the request part at fault, left out when none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Detail(String code, String message, String field) {}

  static ErrorBody of(String code, String message, String field) {
    return new ErrorBody(new Detail(code, message, field));
  }

  /** The stable code and a generic message for a status nobody chose a message for. */
  static ErrorBody forStatus(int status) {
    Map.Entry<String, String> known =
        switch (status) {
          case 400 -> Map.entry("bad_request", "the request is malformed.");
          case 401 -> Map.entry("unauthorized", "an API key is required.");
          case 404 -> Map.entry("not_found", "no such route; see GET /openapi.json.");
          case 405 ->
              Map.entry(
                  "method_not_allowed",
                  "this route does not answer that method; see GET /openapi.json.");
          case 408 -> Map.entry("request_timeout", "the request took too long to arrive.");
          case 413 -> Map.entry("body_too_large", "the request body is too large.");
          case 414 -> Map.entry("uri_too_long", "the request URI is too long.");
          case 415 -> Map.entry("unsupported_media_type", "send the body as application/json.");
          case 431 -> Map.entry("headers_too_large", "the request headers are too large.");
          case 505 ->
              Map.entry(
                  "http_version_not_supported", "speak HTTP/1.1 (or HTTP/1.0) to this service.");
          case 503 ->
              Map.entry("unavailable", "the service is shutting down or not ready; retry soon.");
          default ->
              status >= 500
                  ? Map.entry("internal_error", "the service failed unexpectedly.")
                  : Map.entry("bad_request", "the request cannot be answered as sent.");
        };
    return of(known.getKey(), known.getValue(), null);
  }
}
