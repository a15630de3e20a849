package dev.gcjobs.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.InvalidRequest;
import dev.gcjobs.engine.SeriesQuery;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the body of {@code POST /v1/syncs}, strictly: unknown fields and wrong types are errors
 * naming the field. Shape (every field optional but {@code destination} and {@code since}):
 *
 * <pre>{@code
 * {"destination": "warehouse", "kind": "conversations", "since": "2024-01-01",
 *  "filters": ["mediaType=voice"], "query": {...}, "id": "voice",
 *  "settle": "72h", "every": "PT15M", "reconcileEvery": "7d", "purgeDeleted": false}
 * }</pre>
 *
 * Durations are ISO-8601 ({@code PT15M}) or short ({@code 30s}, {@code 15m}, {@code 6h}, {@code
 * 7d}). Stateless and thread-safe.
 */
public final class SyncRequestJson {
  private static final Set<String> FIELDS =
      new TreeSet<>(
          List.of(
              "destination",
              "kind",
              "since",
              "filters",
              "query",
              "id",
              "settle",
              "every",
              "reconcileEvery",
              "purgeDeleted"));

  /** Far beyond any sensible cadence or window, and far from the instants' overflow. */
  private static final Duration LONGEST = Duration.ofDays(3650);

  // Strict reading: a repeated field or trailing text is an error, not "last one wins".
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private SyncRequestJson() {}

  /**
   * The definition a body asks for, its destination looked up by name in {@code destinations}.
   *
   * @throws InvalidRequest naming the field at fault ({@code body} for malformed JSON)
   */
  public static SyncDefinition read(byte[] body, SyncDestinations destinations) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidRequest(
          "body", "the body is not valid JSON (" + e.getOriginalMessage() + ").");
    } catch (IOException e) {
      throw new InvalidRequest("body", "the body could not be read.");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRequest(
          "body",
          "send a JSON object, e.g. {\"destination\": \"warehouse\", \"since\": \"2024-01-01\"}.");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw new InvalidRequest(
            field.getKey(),
            "unknown field \""
                + field.getKey()
                + "\". The fields here are: "
                + String.join(", ", FIELDS)
                + ".");
      }
    }
    String kind = string(node, "kind");
    JsonNode query = present(node.get("query"));
    if (query != null && !query.isObject()) {
      throw wrongType("query", "an object (an AsyncConversationQuery or AsyncUserDetailsQuery)");
    }
    JsonNode purge = present(node.get("purgeDeleted"));
    if (purge != null && !purge.isBoolean()) {
      throw wrongType("purgeDeleted", "true or false");
    }
    return SyncDefinition.builder()
        .id(string(node, "id"))
        .kind(kind == null ? ExportKind.CONVERSATIONS : ExportKind.fromCliName(kind))
        .destination(destination(string(node, "destination"), destinations))
        .query(SeriesQuery.of(kind, filters(node.get("filters")), query))
        .since(since(string(node, "since")))
        .settle(duration(node, "settle"))
        .every(duration(node, "every"))
        .reconcileEvery(duration(node, "reconcileEvery"))
        .purgeDeleted(purge != null && purge.booleanValue())
        .build();
  }

  private static String destination(String name, SyncDestinations destinations) {
    if (name == null) {
      throw new InvalidRequest(
          "destination", "give the name of a destination: " + destinations.available());
    }
    return destinations
        .stored(name)
        .orElseThrow(
            () ->
                new InvalidRequest(
                    "destination",
                    "no destination is called \"" + name + "\": " + destinations.available()));
  }

  private static Instant since(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException notAnInstant) {
      try {
        return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidRequest(
            "since",
            "since \""
                + text
                + "\" is neither a date (2024-01-01) nor an instant (2024-01-01T00:00:00Z).");
      }
    }
  }

  private static Duration duration(JsonNode body, String field) {
    String text = string(body, field);
    if (text == null) {
      return null;
    }
    Duration parsed = parseDuration(text.strip().toUpperCase(Locale.ROOT));
    if (parsed != null && parsed.compareTo(LONGEST) > 0) {
      throw new InvalidRequest(field, field + " \"" + text + "\" is longer than 3650d.");
    }
    if (parsed != null) {
      return parsed;
    }
    throw new InvalidRequest(
        field,
        field
            + " \""
            + text
            + "\" is not a duration; write ISO-8601 (PT15M, P7D) or short (30s, 15m, 72h, 7d).");
  }

  /** The duration, or null when the text is none. */
  private static Duration parseDuration(String v) {
    try {
      if (v.startsWith("P")) {
        return Duration.parse(v);
      }
      long amount = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 'S' -> Duration.ofSeconds(amount);
        case 'M' -> Duration.ofMinutes(amount);
        case 'H' -> Duration.ofHours(amount);
        case 'D' -> Duration.ofDays(amount);
        default -> null;
      };
    } catch (DateTimeParseException
        | NumberFormatException
        | StringIndexOutOfBoundsException
        | ArithmeticException e) {
      return null;
    }
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

  private static String string(JsonNode body, String field) {
    JsonNode value = present(body.get(field));
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(field, "a string");
    }
    return value.textValue();
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private static InvalidRequest wrongType(String field, String expected) {
    return new InvalidRequest(field, field + " must be " + expected + ".");
  }
}
