package dev.gcjobs.emulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The Genesys {@code ErrorBody} every API error answers with; {@code contextId} is the request's
 * {@code ININ-Correlation-Id}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ErrorBody(
    String message,
    String code,
    int status,
    String contextId,
    List<Object> details,
    List<Object> errors,
    Limit limit) {

  ErrorBody(int status, String code, String message, String contextId) {
    this(message, code, status, contextId, List.of(), List.of(), null);
  }

  ErrorBody withLimit(Limit limit) {
    return new ErrorBody(message, code, status, contextId, details, errors, limit);
  }

  /** The limit an answer ran into, as Genesys names it in its {@code Limit} model. */
  record Limit(String key, String namespace, long value) {}
}
