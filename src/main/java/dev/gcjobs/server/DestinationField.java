package dev.gcjobs.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The {@code destination} field of an export request, taken out of the body before the engine reads
 * the rest: where the export's records go is the service's business, not the engine's.
 *
 * @param name the destination's name, or null when the body names none
 * @param rest the body without it: the same bytes when it names none
 */
record DestinationField(String name, byte[] rest) {
  static final String FIELD = "destination";

  /** Keeps what the engine would see: duplicate keys still refused, decimals exact. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  /**
   * Splits a request body.
   *
   * @throws ApiError (400, field {@code destination}) when the field is there but not a name
   */
  static DestinationField split(byte[] body) {
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      return new DestinationField(null, body); // the engine's reader says what is wrong with it
    }
    if (!(tree instanceof ObjectNode object) || !object.has(FIELD)) {
      return new DestinationField(null, body);
    }
    JsonNode name = object.remove(FIELD);
    if (name.isNull()) {
      return new DestinationField(null, rest(object)); // as every field: null is left out
    }
    if (!name.isTextual() || name.asText().isBlank()) {
      throw ApiError.badRequest(
          "invalid_request",
          FIELD,
          "destination must be the name of one of the service's table destinations, e.g."
              + " \"warehouse\", or left out for a file only.");
    }
    return new DestinationField(name.asText(), rest(object));
  }

  private static byte[] rest(ObjectNode object) {
    try {
      return JSON.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed body could not be written again", e);
    }
  }
}
