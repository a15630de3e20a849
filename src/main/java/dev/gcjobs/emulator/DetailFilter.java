package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A parsed Genesys detail-query filter, {@code {type: and|or, predicates: [...], clauses: [{type,
 * predicates}]}}, evaluated against one context (a conversation, a segment in its session and
 * participant, a user, ...). Predicates: {@code {type?: dimension|metric|property, dimension |
 * metric | property, operator?: matches|exists|notExists, value | range}}.
 */
final class DetailFilter<C> implements Predicate<C> {
  private static final List<String> TYPES = List.of("and", "or");
  private static final List<String> PREDICATE_TYPES = List.of("dimension", "property", "metric");
  private static final List<String> OPERATORS = List.of("matches", "exists", "notExists");

  private final boolean and;
  private final List<Predicate<C>> terms;

  private DetailFilter(boolean and, List<Predicate<C>> terms) {
    this.and = and;
    this.terms = terms;
  }

  @Override
  public boolean test(C context) {
    for (Predicate<C> term : terms) {
      if (term.test(context) != and) {
        return !and;
      }
    }
    return and;
  }

  /**
   * Parses the array at {@code body[level.field()]}; absent, null or empty gives no filters.
   *
   * @param siblings the query's other filter levels, to say where a misplaced dimension belongs
   */
  static <C> List<DetailFilter<C>> parseAll(
      JsonNode body, FilterLevel<C> level, List<FilterLevel<?>> siblings) {
    JsonNode array = QueryFields.array(body, level.field(), level.field());
    List<DetailFilter<C>> filters = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        filters.add(parse(array.get(i), level.field() + "[" + i + "]", level, siblings, true));
      }
    }
    return List.copyOf(filters);
  }

  private static <C> DetailFilter<C> parse(
      JsonNode node,
      String path,
      FilterLevel<C> level,
      List<FilterLevel<?>> siblings,
      boolean allowClauses) {
    QueryFields.requireObject(node, path);
    String type = QueryFields.oneOf(node, "type", path + ".type", TYPES);
    if (type == null) {
      throw ApiError.badRequest(path + ".type is required: use and or or.");
    }
    List<Predicate<C>> terms = new ArrayList<>();
    JsonNode predicates = QueryFields.array(node, "predicates", path + ".predicates");
    if (predicates != null) {
      for (int i = 0; i < predicates.size(); i++) {
        terms.add(predicate(predicates.get(i), path + ".predicates[" + i + "]", level, siblings));
      }
    }
    JsonNode clauses = QueryFields.array(node, "clauses", path + ".clauses");
    if (clauses != null && !clauses.isEmpty()) {
      if (!allowClauses) {
        throw ApiError.badRequest(path + ".clauses: a clause cannot contain clauses.");
      }
      for (int i = 0; i < clauses.size(); i++) {
        terms.add(parse(clauses.get(i), path + ".clauses[" + i + "]", level, siblings, false));
      }
    }
    if (terms.isEmpty()) {
      throw ApiError.badRequest(
          path
              + " has no predicates"
              + (allowClauses ? " and no clauses" : "")
              + ": give at least one predicate.");
    }
    return new DetailFilter<>(type.equals("and"), List.copyOf(terms));
  }

  private static <C> Predicate<C> predicate(
      JsonNode node, String path, FilterLevel<C> level, List<FilterLevel<?>> siblings) {
    QueryFields.requireObject(node, path);
    String type = QueryFields.oneOf(node, "type", path + ".type", PREDICATE_TYPES);
    String dimension = QueryFields.string(node, "dimension", path + ".dimension");
    String metric = QueryFields.string(node, "metric", path + ".metric");
    String property = QueryFields.string(node, "property", path + ".property");
    if (type == null) { // "Optional type, can usually be inferred"
      type =
          dimension != null
              ? "dimension"
              : metric != null ? "metric" : property != null ? "property" : null;
      if (type == null) {
        throw ApiError.badRequest(
            path + " names nothing to test: give a dimension (or a metric or property).");
      }
    }
    String operator = QueryFields.oneOf(node, "operator", path + ".operator", OPERATORS);
    String value = QueryFields.scalar(node, "value", path + ".value");
    NumericRange range = NumericRange.parse(QueryFields.field(node, "range"), path + ".range");
    boolean matches = operator == null || operator.equals("matches");
    if (matches && value == null && range == null) {
      throw ApiError.badRequest(
          path + " needs a value (or a range) with operator matches, or use exists/notExists.");
    }
    return switch (type) {
      case "dimension" -> dimension(path, level, siblings, dimension, operator, value, range);
      case "metric" -> metric(path, level, metric, operator, value, range);
      default -> property(path, property, operator);
    };
  }

  private static <C> Predicate<C> dimension(
      String path,
      FilterLevel<C> level,
      List<FilterLevel<?>> siblings,
      String dimension,
      String operator,
      String value,
      NumericRange range) {
    if (dimension == null) {
      throw ApiError.badRequest(path + ".dimension is required for a dimension predicate.");
    }
    level.checkDimension(dimension, path + ".dimension", siblings);
    if ("exists".equals(operator)) {
      return c -> !level.read(dimension, c).isEmpty();
    }
    if ("notExists".equals(operator)) {
      return c -> level.read(dimension, c).isEmpty();
    }
    if (range != null) {
      throw ApiError.badRequest(
          path
              + ".range is only supported on metric predicates by the emulator; match the"
              + " dimension with value.");
    }
    Predicate<String> matcher =
        level.dateDimensions().contains(dimension)
            ? dateMatcher(value, path + ".value")
            : value::equals;
    return c -> {
      for (String v : level.read(dimension, c)) {
        if (matcher.test(v)) {
          return true;
        }
      }
      return false;
    };
  }

  /** A date matches an ISO interval containing it, or an instant equal to it. */
  private static Predicate<String> dateMatcher(String value, String path) {
    if (value.contains("/")) {
      QueryInterval interval = QueryInterval.parse(value, path);
      String from = IsoMillis.format(interval.start());
      String to = IsoMillis.format(interval.end());
      return v -> v.compareTo(from) >= 0 && v.compareTo(to) < 0; // fixed-width ISO sorts by time
    }
    String instant = IsoMillis.format(QueryInterval.parseInstant(value, path));
    return instant::equals;
  }

  private static <C> Predicate<C> metric(
      String path,
      FilterLevel<C> level,
      String metric,
      String operator,
      String value,
      NumericRange range) {
    if (metric == null) {
      throw ApiError.badRequest(path + ".metric is required for a metric predicate.");
    }
    level.checkMetric(metric, path + ".metric");
    if ("exists".equals(operator)) {
      return c -> level.metricReader().apply(c, metric) != null;
    }
    if ("notExists".equals(operator)) {
      return c -> level.metricReader().apply(c, metric) == null;
    }
    NumericRange wanted = range != null ? range : NumericRange.exactly(value, path + ".value");
    return c -> {
      Long v = level.metricReader().apply(c, metric);
      return v != null && wanted.contains(BigDecimal.valueOf(v));
    };
  }

  /** The synthetic data has no segment properties: property predicates only pass notExists. */
  private static <C> Predicate<C> property(String path, String property, String operator) {
    if (property == null) {
      throw ApiError.badRequest(path + ".property is required for a property predicate.");
    }
    boolean notExists = "notExists".equals(operator);
    return c -> notExists;
  }
}
