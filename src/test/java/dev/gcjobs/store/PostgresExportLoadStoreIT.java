package dev.gcjobs.store;

import org.junit.jupiter.api.Tag;

/** The export loads' store suite on PostgreSQL, one fresh schema per test. */
@Tag("postgres")
class PostgresExportLoadStoreIT extends ExportLoadStoreContract {
  private PostgresTestDatabase postgres;

  @Override
  String freshDatabaseUrl() {
    postgres = PostgresTestDatabase.create();
    return postgres.url();
  }

  @Override
  void dropDatabase() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }
}
