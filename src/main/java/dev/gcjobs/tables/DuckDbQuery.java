package dev.gcjobs.tables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBStruct;

/**
 * Runs one query against a DuckDB file, opened read-only so it never changes the tables, and hands
 * its answer over row by row as DuckDB streams it, so that an answer of any size fits in memory.
 */
public final class DuckDbQuery {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DuckDbQuery() {}

  /**
   * Receives a query's answer: its column names, then each row. A value is null, a {@code Boolean},
   * a {@code Number}, a {@code String}, a {@code List} (DuckDB's lists and arrays), a {@code Map}
   * with text keys (its structs and maps), a Jackson {@code JsonNode} (a value of type JSON), or
   * another JDBC value whose {@code toString()} is its text (times, dates, UUIDs); blobs are text
   * as DuckDB writes them ({@code \xAB}).
   */
  public interface Answer {
    void columns(List<String> names);

    /** Returns whether to go on: false stops the query here. */
    boolean row(List<Object> values);
  }

  /**
   * Runs {@code sql} on {@code file}, handing its answer to {@code answer}.
   *
   * @throws TablesException subject {@code DESTINATION} when the file is missing or cannot be
   *     opened, {@code QUERY} when DuckDB refuses the query
   */
  public static void run(Path file, String sql, Answer answer) {
    if (!Files.isRegularFile(file)) {
      throw new TablesException(
          TablesException.Subject.DESTINATION,
          file + ": no such DuckDB file; `load` one first, or check the path");
    }
    DuckDbDestination.DuckDbFiles.checkIsDuckDb(file, "load it into one first (gcjobs load)");
    query(file, sql, true, answer);
  }

  /**
   * Runs {@code sql}, its answer streamed or not. Streamed, DuckDB's driver says only "Invalid
   * result set" of a query that fails as it runs: a query that fails before its first row is run
   * again, not streamed, for DuckDB's own words.
   */
  private static void query(Path file, String sql, boolean stream, Answer answer) {
    Properties settings = new Properties();
    settings.setProperty("duckdb.read_only", "true");
    settings.setProperty("jdbc_stream_results", String.valueOf(stream));
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:" + file, settings);
    } catch (SQLException e) {
      throw DuckDbDestination.openFailure(
          file, e, "DuckDB lets no other process read a file while one writes it");
    }
    long rows = 0;
    try (connection;
        Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      boolean next = rs.next(); // before the columns are handed over: a query fails as it runs
      ResultSetMetaData meta = rs.getMetaData();
      int width = meta.getColumnCount();
      List<String> columns = new ArrayList<>(width);
      for (int i = 0; i < width; i++) {
        columns.add(meta.getColumnLabel(i + 1));
      }
      answer.columns(columns);
      while (next) {
        List<Object> row = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
          row.add(value(rs.getObject(i + 1)));
        }
        rows++;
        next = answer.row(row) && rs.next();
      }
    } catch (SQLException e) {
      if (stream && rows == 0) {
        query(file, sql, false, answer);
        return;
      }
      throw new TablesException(
          TablesException.Subject.QUERY,
          file
              + ": "
              + DuckDbDestination.firstLine(e)
              + (stream ? " (after " + rows + " rows)" : ""),
          e);
    }
  }

  /** A JDBC value as {@link Answer} describes it. */
  private static Object value(Object value) throws SQLException {
    if (value instanceof org.duckdb.JsonNode json) {
      return json(json.toString());
    }
    if (value instanceof DuckDBStruct struct) {
      return value(struct.getMap());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> entries = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        entries.put(String.valueOf(value(e.getKey())), value(e.getValue()));
      }
      return entries;
    }
    if (value instanceof Array array) {
      List<Object> elements = new ArrayList<>();
      for (Object element : (Object[]) array.getArray()) {
        elements.add(value(element));
      }
      return elements;
    }
    if (value instanceof Blob blob) {
      StringBuilder text = new StringBuilder();
      for (byte b : blob.getBytes(1, (int) blob.length())) {
        text.append(String.format("\\x%02X", b));
      }
      return text.toString();
    }
    return value;
  }

  private static Object json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return text; // DuckDB checks JSON values; should one not parse, its text is still the value
    }
  }
}
