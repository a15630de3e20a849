package dev.gcjobs.store;

/** The store suite on PostgreSQL, one fresh schema per test. */
class PostgresStoreIT extends StoreContract {
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
