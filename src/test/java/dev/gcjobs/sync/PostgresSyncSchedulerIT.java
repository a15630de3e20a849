package dev.gcjobs.sync;

import dev.gcjobs.store.PostgresTestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/** The scheduler's tests on a PostgreSQL store, as nodes of a cluster share it. */
@Tag("postgres")
class PostgresSyncSchedulerIT extends SyncSchedulerTest {
  private PostgresTestDatabase postgres;

  @Override
  String databaseUrl(Path state) {
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
