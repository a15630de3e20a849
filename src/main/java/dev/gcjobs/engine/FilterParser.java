package dev.gcjobs.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the filter language of {@code --filter} and of the HTTP API's {@code filters} into the
 * filter lists of a Genesys query. Syntax, one term per filter:
 *
 * <ul>
 *   <li>{@code DIM=VALUE}: the dimension matches the value ({@code mediaType=voice});
 *   <li>{@code DIM?}: the dimension exists ({@code wrapUpCode?});
 *   <li>{@code !DIM}: the dimension does not exist ({@code !wrapUpCode}).
 * </ul>
 *
 * Terms on the same dimension are OR-ed; different dimensions are AND-ed. Each dimension gets its
 * own filter ({@code {"type": "or", "predicates": [...]}}) in the list it belongs to, because one
 * segment filter must be satisfied by one single segment: {@code mediaType=voice} and {@code
 * queueId=Q} in one filter would demand a voice segment in queue Q, not a voice conversation that
 * was in queue Q. {@code DIM!=VALUE} is rejected: Genesys predicates can only match, exist or not
 * exist, so "not equal" cannot be said faithfully.
 *
 * <p>Output order is canonical (dimensions and values sorted, duplicates dropped), so the same
 * filters in any order give the same query. Stateless and thread-safe.
 */
public final class FilterParser {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private FilterParser() {}

  /** One parsed term: {@code operator} is {@code matches}, {@code exists} or {@code notExists}. */
  private record Term(String dimension, String operator, String value) {}

  // Within one dimension: values first (sorted), then exists, then notExists.
  private static final Comparator<Term> TERM_ORDER =
      Comparator.comparing((Term t) -> operatorRank(t.operator()))
          .thenComparing(t -> t.value() == null ? "" : t.value());

  /**
   * The filter lists for {@code filters}, as an object of non-empty arrays keyed by query field
   * ({@code segmentFilters}, {@code conversationFilters}, {@code userFilters}, ...). Empty when
   * there are no filters. The returned node is new and owned by the caller.
   *
   * @throws InvalidRequest (field {@code filters[i]}) for a malformed term, an unknown dimension
   *     (naming the closest valid ones), a dimension of the other kind, or {@code !=}
   */
  public static ObjectNode parse(ExportKind kind, List<String> filters) {
    Objects.requireNonNull(kind, "kind");
    // list field -> dimension -> terms, all sorted for a canonical result.
    Map<String, Map<String, TreeSet<Term>>> lists = new TreeMap<>();
    for (int i = 0; i < filters.size(); i++) {
      String field = "filters[" + i + "]";
      String text = filters.get(i);
      Term term = term(text, field);
      String list =
          Dimensions.filterListOf(kind, term.dimension())
              .orElseThrow(() -> unknownDimension(kind, term.dimension(), text, field));
      lists
          .computeIfAbsent(list, l -> new TreeMap<>())
          .computeIfAbsent(term.dimension(), d -> new TreeSet<>(TERM_ORDER))
          .add(term);
    }
    ObjectNode result = JSON.objectNode();
    lists.forEach(
        (list, byDimension) -> {
          ArrayNode array = result.putArray(list);
          byDimension.values().forEach(terms -> array.add(filter(terms)));
        });
    return result;
  }

  private static Term term(String text, String field) {
    if (text == null || text.isBlank()) {
      throw new InvalidRequest(field, "a filter is empty. " + syntax());
    }
    int eq = text.indexOf('=');
    if (eq >= 0) {
      boolean notEqual = eq > 0 && text.charAt(eq - 1) == '!';
      String dimension = text.substring(0, notEqual ? eq - 1 : eq).strip();
      String value = text.substring(eq + 1);
      requireName(dimension, text, field);
      if (notEqual) {
        throw notEqual(dimension, value, text, field);
      }
      if (value.isEmpty()) {
        throw new InvalidRequest(
            field,
            "filter \""
                + text
                + "\" has no value after '='; to ask that "
                + dimension
                + " exists, write "
                + dimension
                + "?");
      }
      return new Term(dimension, "matches", value);
    }
    String stripped = text.strip();
    if (stripped.startsWith("!")) {
      String dimension = stripped.substring(1).strip();
      requireName(dimension, text, field);
      return new Term(dimension, "notExists", null);
    }
    if (stripped.endsWith("?")) {
      String dimension = stripped.substring(0, stripped.length() - 1).strip();
      if (dimension.endsWith("!")) {
        String name = dimension.substring(0, dimension.length() - 1);
        throw new InvalidRequest(
            field,
            "filter \"" + text + "\": to ask that " + name + " does not exist, write !" + name);
      }
      requireName(dimension, text, field);
      return new Term(dimension, "exists", null);
    }
    throw new InvalidRequest(field, "filter \"" + text + "\" has no operator. " + syntax());
  }

  private static void requireName(String dimension, String text, String field) {
    if (dimension.isEmpty() || !dimension.chars().allMatch(Character::isLetterOrDigit)) {
      throw new InvalidRequest(
          field, "filter \"" + text + "\" does not start with a dimension name. " + syntax());
    }
  }

  private static String syntax() {
    return "Write DIM=VALUE (matches), DIM? (exists) or !DIM (does not exist), e.g."
        + " mediaType=voice, wrapUpCode?, !wrapUpCode.";
  }

  private static InvalidRequest notEqual(
      String dimension, String value, String text, String field) {
    StringBuilder message =
        new StringBuilder("filter \"")
            .append(text)
            .append("\": Genesys filters cannot say \"not equal\" (a predicate can only match a")
            .append(" value, exist or not exist), and gcjobs does not guess. Ask for the values")
            .append(" you want instead");
    List<String> known = Dimensions.KNOWN_VALUES.get(dimension);
    if (known != null) {
      List<String> others = new ArrayList<>();
      for (String v : known) {
        if (!v.equals(value)) {
          others.add(dimension + "=" + v);
        }
      }
      message.append(" (documented values: ").append(String.join(" ", others)).append(")");
    } else {
      message.append(", e.g. ").append(dimension).append("=OTHER_VALUE");
    }
    message
        .append(", use !")
        .append(dimension)
        .append(" for \"has no ")
        .append(dimension)
        .append("\", or pass a raw query.");
    return new InvalidRequest(field, message.toString());
  }

  private static InvalidRequest unknownDimension(
      ExportKind kind, String dimension, String filterText, String field) {
    String text = "filter \"" + filterText + "\": ";
    for (ExportKind other : ExportKind.values()) {
      if (other != kind && Dimensions.filterListOf(other, dimension).isPresent()) {
        return new InvalidRequest(
            field,
            text
                + dimension
                + " is a "
                + other.cliName()
                + " dimension and cannot filter "
                + kind.cliName()
                + "; use kind "
                + other.cliName()
                + ", or for "
                + kind.cliName()
                + " one of: "
                + validNamesHint(kind)
                + ".");
      }
    }
    List<String> close = NameSuggestions.closest(dimension, Dimensions.of(kind));
    String hint =
        close.isEmpty()
            ? "valid " + kind.cliName() + " dimensions include: " + validNamesHint(kind)
            : "did you mean " + String.join(" or ", close) + "?";
    return new InvalidRequest(
        field, text + "unknown " + kind.cliName() + " dimension \"" + dimension + "\"; " + hint);
  }

  private static String validNamesHint(ExportKind kind) {
    return switch (kind) {
      case CONVERSATIONS ->
          "mediaType, queueId, userId, direction, purpose, wrapUpCode (segment), divisionId,"
              + " conversationId (conversation); the README lists all";
      case USERS -> String.join(", ", Dimensions.of(kind));
    };
  }

  private static ObjectNode filter(TreeSet<Term> terms) {
    ObjectNode filter = JSON.objectNode().put("type", "or");
    ArrayNode predicates = filter.putArray("predicates");
    for (Term term : terms) {
      ObjectNode predicate =
          predicates
              .addObject()
              .put("type", "dimension")
              .put("dimension", term.dimension())
              .put("operator", term.operator());
      if (term.value() != null) {
        predicate.put("value", term.value());
      }
    }
    return filter;
  }

  private static int operatorRank(String operator) {
    return switch (operator) {
      case "matches" -> 0;
      case "exists" -> 1;
      default -> 2;
    };
  }

  /**
   * Puts the filter lists {@code fromFilters} into the raw {@code query}.
   *
   * @throws InvalidRequest (field {@code filters}) when the query sets a list the filters set too:
   *     gcjobs does not guess how to combine them
   */
  static void mergeInto(ObjectNode query, ObjectNode fromFilters) {
    for (Map.Entry<String, JsonNode> list : fromFilters.properties()) {
      if (query.has(list.getKey())) {
        throw new InvalidRequest(
            "filters",
            "the filters on "
                + String.join(", ", dimensions(list.getValue()))
                + " go into "
                + list.getKey()
                + ", which the raw query sets too; gcjobs does not guess how to combine them:"
                + " move these filters into the query's "
                + list.getKey()
                + ", or that list out of the query.");
      }
      query.set(list.getKey(), list.getValue());
    }
  }

  private static Set<String> dimensions(JsonNode filters) {
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode filter : filters) {
      for (JsonNode predicate : filter.path("predicates")) {
        names.add(predicate.path("dimension").asText());
      }
    }
    return names;
  }
}
