package dev.gcjobs.tables;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Runs one query against a DuckDB file, opened read-only so it never changes the tables. */
public final class DuckDbQuery {
  private DuckDbQuery() {}

  /**
   * The answer of {@code sql} on {@code file}.
   *
   * @throws TablesException subject {@code DESTINATION} when the file is missing or cannot be
   *     opened, {@code QUERY} when DuckDB refuses the query
   */
  public static QueryResult run(Path file, String sql) {
    if (!Files.isRegularFile(file)) {
      throw new TablesException(
          TablesException.Subject.DESTINATION,
          file + ": no such DuckDB file; `load` one first, or check the path");
    }
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly);
    } catch (SQLException e) {
      throw DuckDbDestination.openFailure(file, e);
    }
    try (connection;
        Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return new QueryResult(columns, rows);
    } catch (SQLException e) {
      throw new TablesException(
          TablesException.Subject.QUERY, file + ": " + DuckDbDestination.firstLine(e), e);
    }
  }
}
