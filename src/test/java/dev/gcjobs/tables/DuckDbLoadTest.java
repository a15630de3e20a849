package dev.gcjobs.tables;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;

/** The table contract on a DuckDB file. */
@Tag("unit")
class DuckDbLoadTest extends TableLoadContract {
  @Override
  TableDestination destination() {
    return new DuckDbDestination(dir.resolve("t.duckdb"), "main", clock);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("t.duckdb"));
  }

  @Override
  String table(String name) {
    return name;
  }
}
