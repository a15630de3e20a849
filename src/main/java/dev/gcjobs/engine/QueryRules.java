package dev.gcjobs.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks the top level of a raw Genesys query against what its kind's query may hold. */
final class QueryRules {
  private QueryRules() {}

  /**
   * @param allowInterval whether {@code interval} may appear (a user's raw query: yes; the query
   *     kept in an {@link ExportRequest}: no, the request holds the interval)
   * @throws InvalidRequest (field {@code query.<name>}) for an unknown field, a field of the other
   *     kind, {@code limit}, or a wrong JSON type
   */
  static void check(ExportKind kind, ObjectNode query, boolean allowInterval) {
    for (Map.Entry<String, JsonNode> field : query.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      String path = "query." + name;
      if (name.equals("interval") && !allowInterval) {
        throw new InvalidRequest(
            path, "the query kept in a request must not hold the interval; set it apart.");
      }
      ExportKind.QueryFieldType type = kind.queryFields().get(name);
      if (type == null) {
        throw unknownField(kind, name, path);
      }
      if (value.isNull()) {
        continue; // null means "not set", as the official SDK writes it
      }
      if (name.equals("limit")) {
        throw new InvalidRequest(
            path,
            "limit caps each Genesys job, and gcjobs runs one job per chunk, so it would not limit"
                + " the export; remove it (filter more narrowly, or shorten the interval).");
      }
      if (!hasType(value, type)) {
        throw new InvalidRequest(
            path,
            "the query's "
                + name
                + " must be a JSON "
                + type.name().toLowerCase(Locale.ROOT)
                + "; got "
                + value.getNodeType().name().toLowerCase(Locale.ROOT)
                + ".");
      }
      if (type == ExportKind.QueryFieldType.ARRAY) {
        for (int i = 0; i < value.size(); i++) {
          if (!value.get(i).isObject()) {
            throw new InvalidRequest(
                path + "[" + i + "]",
                "each entry of the query's "
                    + name
                    + " must be a filter object like {\"type\": \"or\", \"predicates\": [...]}.");
          }
        }
      }
    }
  }

  /**
   * Removes top-level nulls and empty arrays: the official SDK writes unused lists as {@code []}
   * and absent values as {@code null}, and both mean "not set" (so they must not change a key).
   */
  static void dropUnset(ObjectNode query) {
    query
        .properties()
        .removeIf(e -> e.getValue().isNull() || (e.getValue().isArray() && e.getValue().isEmpty()));
  }

  private static InvalidRequest unknownField(ExportKind kind, String name, String path) {
    for (ExportKind other : ExportKind.values()) {
      if (other != kind && other.queryFields().containsKey(name)) {
        return new InvalidRequest(
            path,
            name
                + " belongs to a "
                + other.cliName()
                + " query, not a "
                + kind.cliName()
                + " one; use kind "
                + other.cliName()
                + ", or remove it.");
      }
    }
    List<String> close = NameSuggestions.closest(name, List.copyOf(kind.queryFields().keySet()));
    return new InvalidRequest(
        path,
        "unknown field \""
            + name
            + "\" in a "
            + kind.cliName()
            + " query"
            + (close.isEmpty()
                ? "; the fields are: "
                    + String.join(", ", kind.queryFields().keySet().stream().sorted().toList())
                : "; did you mean " + String.join(" or ", close) + "?"));
  }

  private static boolean hasType(JsonNode value, ExportKind.QueryFieldType type) {
    return switch (type) {
      case STRING -> value.isTextual();
      case ARRAY -> value.isArray();
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
    };
  }

  /**
   * A checked copy of a raw query as the user gave it, its unset fields dropped; an empty query for
   * none.
   *
   * @throws InvalidRequest (field {@code query} or the part at fault) when it is not a JSON object
   *     or breaks a rule
   */
  static ObjectNode checkedCopy(ExportKind kind, JsonNode query) {
    if (query == null || query.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!query.isObject()) {
      throw new InvalidRequest(
          "query",
          "the raw query must be a JSON object (an AsyncConversationQuery or"
              + " AsyncUserDetailsQuery); got a JSON "
              + query.getNodeType().name().toLowerCase(Locale.ROOT)
              + ".");
    }
    ObjectNode copy = (ObjectNode) query.deepCopy();
    check(kind, copy, true);
    dropUnset(copy);
    return copy;
  }
}
