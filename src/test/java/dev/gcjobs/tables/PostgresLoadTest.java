package dev.gcjobs.tables;

import dev.gcjobs.store.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/** The table contract on PostgreSQL, in a fresh schema per test. */
@Tag("postgres")
class PostgresLoadTest extends TableLoadContract {
  private PostgresTestDatabase postgres;

  @BeforeEach
  void freshSchema() {
    postgres = PostgresTestDatabase.create();
  }

  @AfterEach
  void dropSchema() throws SQLException {
    postgres.close();
  }

  @Override
  TableDestination destination() {
    return TableTarget.parse(postgres.url(), postgres.schema(), Map.of()).destination(clock);
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection(postgres.url());
  }

  @Override
  String table(String name) {
    return postgres.schema() + "." + name;
  }
}
