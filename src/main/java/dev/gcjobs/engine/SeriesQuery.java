package dev.gcjobs.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The query of a series of exports (a sync's), which each export of it gives its own interval. */
public final class SeriesQuery {
  private SeriesQuery() {}

  /**
   * The query a series of exports shares (a sync's): filters and a raw query merged and checked as
   * {@link ExportRequest.Builder#build()} does, with no interval (each export of the series has its
   * own).
   *
   * @param kind {@code conversations} (the default when null) or {@code users}
   * @param query a raw query, or null
   * @throws InvalidRequest naming the field at fault; an interval in the raw query is refused
   */
  public static ObjectNode of(String kind, List<String> filters, JsonNode query) {
    ExportKind parsedKind = kind == null ? ExportKind.CONVERSATIONS : ExportKind.fromCliName(kind);
    ObjectNode merged = QueryRules.checkedCopy(parsedKind, query);
    if (merged.has("interval")) {
      throw new InvalidRequest(
          "query",
          "the query gives an interval, but each export of a series has its own: remove it");
    }
    FilterParser.mergeInto(merged, FilterParser.parse(parsedKind, filters));
    return merged;
  }
}
