package dev.gcjobs.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of {@code POST /v1/exports}, strictly: unknown fields and wrong types are errors
 * naming the field. Shape (every field optional but an interval, here or in the query):
 *
 * <pre>{@code
 * {"kind": "conversations" | "users",
 *  "interval": "2024-01-01/2024-02-01",
 *  "zone": "Europe/Paris",
 *  "filters": ["mediaType=voice", "queueId=..."],
 *  "query": { ...AsyncConversationQuery or AsyncUserDetailsQuery... },
 *  "options": {"chunk": "P1D", "timeout": "PT2H", "pageSize": 1000}}
 * }</pre>
 *
 * A JSON {@code null} means the field is left out. The result is an {@link ExportRequest.Builder}:
 * the server adds what the body cannot choose (output, concurrency) and calls {@code build()}.
 * Stateless and thread-safe.
 */
public final class ExportRequestJson {
  private static final Set<String> FIELDS =
      Set.of("kind", "interval", "zone", "filters", "query", "options", "allowIncomplete");
  private static final Set<String> OPTIONS = Set.of("chunk", "timeout", "pageSize");

  // Strict reading: a repeated field or trailing text is an error, not "last one wins".
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private ExportRequestJson() {}

  /**
   * Parses and reads a body.
   *
   * @throws InvalidRequest (field {@code body}) for malformed JSON, else as {@link #read(JsonNode)}
   */
  public static ExportRequest.Builder read(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new InvalidRequest(
          "body", "the body is not valid JSON (" + e.getOriginalMessage() + where + ").");
    } catch (IOException e) {
      throw new InvalidRequest("body", "the body could not be read.");
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidRequest("body", "the body is empty; send a JSON object.");
    }
    return read(node);
  }

  /**
   * Reads a parsed body into a builder (nothing is validated beyond types until {@code build()}).
   *
   * @throws InvalidRequest naming the field ({@code kind}, {@code filters[2]}, {@code
   *     options.chunk}, ...) for an unknown field or a wrong type
   */
  public static ExportRequest.Builder read(JsonNode body) {
    if (!body.isObject()) {
      throw new InvalidRequest("body", "the body must be a JSON object, e.g. " + example() + ".");
    }
    rejectUnknown(body, FIELDS, "");
    ExportRequest.Builder builder = ExportRequest.builder();
    builder.kind(string(body, "kind", "kind"));
    builder.interval(string(body, "interval", "interval"));
    builder.zone(string(body, "zone", "zone"));
    builder.filters(filters(body.get("filters")));
    JsonNode query = present(body.get("query"));
    if (query != null) {
      if (!query.isObject()) {
        throw wrongType("query", "an object (an AsyncConversationQuery or AsyncUserDetailsQuery)");
      }
      builder.query(query);
    }
    JsonNode allowIncomplete = present(body.get("allowIncomplete"));
    if (allowIncomplete != null) {
      if (!allowIncomplete.isBoolean()) {
        throw wrongType("allowIncomplete", "true or false");
      }
      builder.allowIncomplete(allowIncomplete.booleanValue());
    }
    JsonNode options = present(body.get("options"));
    if (options != null) {
      if (!options.isObject()) {
        throw wrongType("options", "an object like {\"chunk\": \"P1D\", \"timeout\": \"PT2H\"}");
      }
      rejectUnknown(options, OPTIONS, "options.");
      Duration chunk = duration(options, "chunk");
      if (chunk != null) {
        builder.chunkSize(chunk);
      }
      Duration timeout = duration(options, "timeout");
      if (timeout != null) {
        builder.timeout(timeout);
      }
      JsonNode pageSize = present(options.get("pageSize"));
      if (pageSize != null) {
        if (!pageSize.isIntegralNumber() || !pageSize.canConvertToInt()) {
          throw wrongType("options.pageSize", "a whole number such as 1000");
        }
        builder.pageSize(pageSize.intValue());
      }
    }
    return builder;
  }

  private static void rejectUnknown(JsonNode object, Set<String> known, String prefix) {
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (!known.contains(field.getKey())) {
        List<String> sorted = known.stream().sorted().toList();
        List<String> close = NameSuggestions.closest(field.getKey(), sorted);
        throw new InvalidRequest(
            prefix + field.getKey(),
            "unknown field \""
                + prefix
                + field.getKey()
                + "\""
                + (close.isEmpty() ? "" : "; did you mean " + prefix + close.get(0) + "?")
                + " The fields here are: "
                + String.join(", ", sorted)
                + ".");
      }
    }
  }

  private static String string(JsonNode object, String name, String field) {
    JsonNode value = present(object.get(name));
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(field, "a string");
    }
    return value.textValue();
  }

  private static List<String> filters(JsonNode node) {
    JsonNode filters = present(node);
    List<String> result = new ArrayList<>();
    if (filters == null) {
      return result;
    }
    if (!filters.isArray()) {
      throw wrongType("filters", "an array of strings like [\"mediaType=voice\"]");
    }
    for (int i = 0; i < filters.size(); i++) {
      if (!filters.get(i).isTextual()) {
        throw wrongType("filters[" + i + "]", "a string like \"mediaType=voice\"");
      }
      result.add(filters.get(i).textValue());
    }
    return result;
  }

  private static Duration duration(JsonNode options, String name) {
    String field = "options." + name;
    String text = string(options, name, field);
    if (text == null) {
      return null;
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidRequest(
          field,
          field + " \"" + text + "\" is not an ISO-8601 duration; write e.g. P1D, PT6H or PT30M.");
    }
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private static InvalidRequest wrongType(String field, String expected) {
    return new InvalidRequest(field, field + " must be " + expected + ".");
  }

  private static String example() {
    return "{\"kind\": \"conversations\", \"interval\": \"2024-01-01/2024-01-02\","
        + " \"filters\": [\"mediaType=voice\"]}";
  }
}
