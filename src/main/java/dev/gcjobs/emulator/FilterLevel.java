package dev.gcjobs.emulator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One level a detail-query filter works at ({@code conversationFilters}, {@code segmentFilters},
 * {@code userFilters}, ...): which dimensions and metrics Genesys accepts there and how the
 * emulator reads them from a context {@code C}. A valid dimension the synthetic data never fills is
 * simply absent (it matches nothing, and {@code notExists} matches everything).
 *
 * @param field the query field, e.g. {@code segmentFilters}
 * @param level the level's name in messages, e.g. {@code segment}
 * @param dimensions every dimension Genesys accepts at this level
 * @param readers how to read the dimensions the synthetic data fills; values as text
 * @param dateDimensions dimensions whose values are ISO-8601 dates
 * @param metrics every metric Genesys accepts at this level
 * @param metricReader reads a metric's value, or null when the context has none
 */
record FilterLevel<C>(
    String field,
    String level,
    Set<String> dimensions,
    Map<String, Function<C, List<String>>> readers,
    Set<String> dateDimensions,
    Set<String> metrics,
    BiFunction<C, String, Long> metricReader) {

  FilterLevel {
    dimensions = new TreeSet<>(dimensions);
    metrics = new TreeSet<>(metrics);
    for (String name : readers.keySet()) {
      if (!dimensions.contains(name)) {
        throw new IllegalArgumentException(name + " is not a " + level + " dimension");
      }
    }
  }

  /** The values of {@code dimension} in {@code context}; empty when absent. */
  List<String> read(String dimension, C context) {
    Function<C, List<String>> reader = readers.get(dimension);
    return reader == null ? List.of() : reader.apply(context);
  }

  /** Checks a dimension named at this level; {@code siblings} are the query's other levels. */
  void checkDimension(String dimension, String path, List<FilterLevel<?>> siblings) {
    if (dimensions.contains(dimension)) {
      return;
    }
    for (FilterLevel<?> other : siblings) {
      if (other != this && other.dimensions.contains(dimension)) {
        throw ApiError.badRequest(
            path
                + " '"
                + dimension
                + "' is a "
                + other.level
                + "-level dimension and is not valid"
                + " in "
                + field
                + " ("
                + level
                + " level): move the predicate to "
                + other.field
                + ".");
      }
    }
    throw ApiError.badRequest(
        path
            + " '"
            + dimension
            + "' is not a "
            + level
            + "-level dimension and is not valid in "
            + field
            + ". Valid "
            + level
            + " dimensions: "
            + String.join(", ", dimensions)
            + ".");
  }

  void checkMetric(String metric, String path) {
    if (!metrics.contains(metric)) {
      throw ApiError.badRequest(
          path
              + " '"
              + metric
              + "' is not a "
              + level
              + "-level metric and is not valid in "
              + field
              + "."
              + (metrics.isEmpty()
                  ? " " + field + " take no metric predicates."
                  : " Valid " + level + " metrics: " + String.join(", ", metrics) + "."));
    }
  }
}
