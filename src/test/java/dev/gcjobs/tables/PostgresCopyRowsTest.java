package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.store.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every type of value sent with {@link CopyRows} reads back as the same value written as SQL. */
@Tag("postgres")
class PostgresCopyRowsTest {
  private static final List<Column> COLUMNS =
      List.of(
          Column.field("text", ColumnType.TEXT),
          Column.field("json", ColumnType.JSON),
          Column.field("at", ColumnType.TIMESTAMPTZ),
          Column.field("big", ColumnType.BIGINT),
          Column.field("small", ColumnType.INTEGER),
          Column.field("real", ColumnType.DOUBLE),
          Column.field("yes", ColumnType.BOOLEAN));

  private PostgresTestDatabase postgres;
  private Connection connection;

  @BeforeEach
  void table() throws SQLException {
    postgres = PostgresTestDatabase.create();
    connection = DriverManager.getConnection(postgres.url());
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE copied (text text, json jsonb, at timestamptz,"
              + " big bigint, small integer, real double precision, yes boolean)");
    }
  }

  @AfterEach
  void drop() throws SQLException {
    connection.close();
    postgres.close();
  }

  @Test
  void valuesReadBackAsTheirSqlLiterals() throws SQLException {
    Object[] values = {
      "tab\there, back\\slash, new\nline, é ✓ 😀",
      "{\"a\": [1, 2.5, \"x\\\"y\"], \"b\": null}",
      Instant.parse("2024-06-30T23:59:59.123456789Z"),
      Long.MIN_VALUE,
      -7,
      -0.1,
      true
    };
    copy(values, new Object[COLUMNS.size()]);

    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT text = E'tab\\there, back\\\\slash, new\\nline, é ✓ 😀',"
                    + " json = '{\"a\": [1, 2.5, \"x\\\"y\"], \"b\": null}'::jsonb,"
                    + " at = CAST('2024-06-30T23:59:59.123456789Z' AS TIMESTAMPTZ),"
                    + " big = -9223372036854775808, small = -7, real = -0.1, yes,"
                    + " num_nulls(text, json, at, big, small, real, yes)"
                    + " FROM copied ORDER BY text IS NULL")) {
      rs.next();
      for (int i = 1; i <= COLUMNS.size(); i++) {
        assertThat(rs.getBoolean(i)).as(COLUMNS.get(i - 1).name()).isTrue();
      }
      assertThat(rs.getInt(COLUMNS.size() + 1)).isZero();
      rs.next();
      assertThat(rs.getInt(COLUMNS.size() + 1)).as("nulls").isEqualTo(COLUMNS.size());
    }
  }

  private void copy(Object[]... rows) throws SQLException {
    try (CopyRows copy = new CopyRows(connection, "copied", COLUMNS)) {
      for (Object[] row : rows) {
        copy.add(row);
      }
      assertThat(copy.end()).isEqualTo(rows.length);
    }
  }
}
