package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Reads typed fields of a query body, answering a wrong JSON type with a 400 that names the field
 * by its path ({@code segmentFilters[0].predicates[1].value}). A JSON null counts as absent, and
 * unknown fields are ignored, as Genesys does.
 */
final class QueryFields {
  private QueryFields() {}

  static void requireObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw ApiError.badRequest(
          (path.isEmpty() ? "The query body" : path) + " must be a JSON object.");
    }
  }

  static JsonNode field(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? null : value;
  }

  static String string(JsonNode object, String name, String path) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiError.badRequest(path + " must be a string, not " + describe(value) + ".");
    }
    return value.asText();
  }

  /** A string field that must be one of {@code allowed}; null when absent. */
  static String oneOf(JsonNode object, String name, String path, List<String> allowed) {
    String value = string(object, name, path);
    if (value != null && !allowed.contains(value)) {
      throw ApiError.badRequest(
          path + " '" + value + "' is not valid: use one of " + String.join(", ", allowed) + ".");
    }
    return value;
  }

  static Boolean bool(JsonNode object, String name, String path) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw ApiError.badRequest(path + " must be true or false, not " + describe(value) + ".");
    }
    return value.booleanValue();
  }

  static Integer positiveInt(JsonNode object, String name, String path) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw ApiError.badRequest(path + " must be a positive integer, not " + describe(value) + ".");
    }
    return value.intValue();
  }

  /** An array field; null when absent. */
  static JsonNode array(JsonNode object, String name, String path) {
    JsonNode value = field(object, name);
    if (value != null && !value.isArray()) {
      throw ApiError.badRequest(path + " must be an array, not " + describe(value) + ".");
    }
    return value;
  }

  /** A scalar written as text (Genesys predicate values are strings; numbers are accepted). */
  static String scalar(JsonNode object, String name, String path) {
    JsonNode value = field(object, name);
    if (value == null) {
      return null;
    }
    if (!value.isValueNode()) {
      throw ApiError.badRequest(path + " must be a string, not " + describe(value) + ".");
    }
    return value.asText();
  }

  static String describe(JsonNode value) {
    if (value.isTextual()) {
      return "the string \"" + value.asText() + "\"";
    }
    return switch (value.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case BOOLEAN -> "the boolean " + value.asText();
      case NUMBER -> "the number " + value.asText();
      default -> value.getNodeType().name().toLowerCase();
    };
  }
}
