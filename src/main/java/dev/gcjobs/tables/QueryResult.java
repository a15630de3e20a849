package dev.gcjobs.tables;

import java.util.List;

/**
 * The answer to a query: column names and rows of JDBC values ({@code String}, numbers, {@code
 * Boolean}, {@code OffsetDateTime}, ... or null).
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }
}
