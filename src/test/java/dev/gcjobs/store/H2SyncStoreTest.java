package dev.gcjobs.store;

import java.util.UUID;
import org.junit.jupiter.api.Tag;

/** The syncs' store suite on an in-memory H2 database, one per test. */
@Tag("unit")
class H2SyncStoreTest extends SyncStoreContract {
  @Override
  String freshDatabaseUrl() {
    return "jdbc:h2:mem:syncs-" + UUID.randomUUID();
  }
}
