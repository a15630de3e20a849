package dev.gcjobs.store;

import java.util.UUID;
import org.junit.jupiter.api.Tag;

/** The export loads' store suite on an in-memory H2 database, one per test. */
@Tag("unit")
class H2ExportLoadStoreTest extends ExportLoadStoreContract {
  @Override
  String freshDatabaseUrl() {
    return "jdbc:h2:mem:loads-" + UUID.randomUUID();
  }
}
