package dev.gcjobs.genesys;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.http.HttpHeaders;

/**
 * The fields gcjobs uses from a Genesys {@code ErrorBody}. Read leniently: an error answer whose
 * body is empty, truncated or not JSON still yields an ErrorBody (with nulls), because the status
 * alone decides what happens next.
 */
record ErrorBody(String code, String message, String contextId) {
  private static final JsonFactory JSON = new JsonFactory();

  /** Longest Genesys message kept; error bodies are short, anything longer is not an ErrorBody. */
  private static final int MAX_MESSAGE_CHARS = 500;

  static final ErrorBody EMPTY = new ErrorBody(null, null, null);

  /** Reads the error body; the context id falls back to the {@code ININ-Correlation-Id} header. */
  static ErrorBody read(byte[] body, HttpHeaders headers) {
    byte[] plain;
    try {
      plain = body == null ? null : ContentEncoding.decode(headers, body);
    } catch (MalformedResponseException e) {
      plain = body; // what can still be read of it, or nothing: the status says enough
    }
    ErrorBody parsed = parse(plain);
    if (parsed.contextId() == null) {
      String correlation = headers.firstValue("ININ-Correlation-Id").orElse(null);
      parsed = new ErrorBody(parsed.code(), parsed.message(), correlation);
    }
    return parsed;
  }

  static ErrorBody parse(byte[] body) {
    if (body == null || body.length == 0) {
      return EMPTY;
    }
    String code = null;
    String message = null;
    String contextId = null;
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return EMPTY;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING) {
          switch (field) {
            case "code" -> code = p.getText();
            case "message" -> message = shorten(p.getText());
            case "contextId" -> contextId = p.getText();
            default -> {}
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException notJson) {
      // Keep what was read before the body broke off.
    }
    return new ErrorBody(code, message, contextId);
  }

  private static String shorten(String text) {
    return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
  }
}
