package dev.gcjobs.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Locale;

/** Reads a request's JSON object body, refusing what the real API refuses. */
final class JsonBody {
  private JsonBody() {}

  /**
   * The body as a JSON object.
   *
   * @throws ApiError 415 for a content type other than JSON, 413 for a body over {@code maxBytes},
   *     400 for an empty body, malformed JSON or JSON that is not an object
   */
  static JsonNode object(Context ctx, int maxBytes, String expected) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiError(
          415,
          "unsupported.media.type",
          "Content-Type must be application/json, got " + (type == null ? "none" : type));
    }
    if (ctx.contentLength() > maxBytes) {
      throw tooLarge(maxBytes);
    }
    byte[] bytes;
    try {
      bytes = ctx.bodyInputStream().readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read: " + e.getMessage());
    }
    if (bytes.length > maxBytes) {
      throw tooLarge(maxBytes);
    }
    if (bytes.length == 0) {
      throw ApiError.badRequest("a request body is required: " + expected);
    }
    JsonNode node;
    try {
      node = WireJson.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw ApiError.badRequest(
          "the request body is not valid JSON: "
              + e.getOriginalMessage()
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw ApiError.badRequest("the request body could not be read: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiError.badRequest("the request body must be a JSON object: " + expected);
    }
    return node;
  }

  private static ApiError tooLarge(int maxBytes) {
    return new ApiError(
        413,
        "request.entity.too.large",
        "the request body is larger than the maximum of " + maxBytes + " bytes");
  }
}
