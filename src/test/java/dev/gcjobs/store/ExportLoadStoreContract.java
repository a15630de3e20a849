package dev.gcjobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.store.ExportLoadRow.Counts;
import dev.gcjobs.store.ExportLoadRow.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The export loads' store behaviour, on H2 ({@link H2ExportLoadStoreTest}) and PostgreSQL. */
abstract class ExportLoadStoreContract {
  static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
  static final Instant T1 = T0.plus(Duration.ofMinutes(1));

  Database db;

  abstract String freshDatabaseUrl() throws Exception;

  void dropDatabase() throws Exception {}

  @BeforeEach
  void openStore() throws Exception {
    db = Database.open(freshDatabaseUrl());
  }

  @AfterEach
  void closeStore() throws Exception {
    if (db != null) {
      db.close();
    }
    dropDatabase();
  }

  @Test
  void anAskedLoadIsPendingAndAskingAgainKeepsTheFirst() {
    ExportLoadRow asked = db.exportLoads().ask("e1", "warehouse", T0);

    assertThat(asked.state()).isEqualTo(State.PENDING);
    assertThat(asked.destination()).isEqualTo("warehouse");
    assertThat(asked.counts()).isNull();
    ExportLoadRow again = db.exportLoads().ask("e1", "lake", T1);
    assertThat(again).isEqualTo(asked);
    assertThat(db.exportLoads().pending()).containsExactly(asked);
    assertThat(db.exportLoads().find("e2")).isEmpty();
  }

  @Test
  void aDoneLoadKeepsItsCountsAndIsNoLongerPending() {
    db.exportLoads().ask("e1", "warehouse", T0);
    db.exportLoads().retrying("e1", "warehouse: unreachable", T0);

    assertThat(db.exportLoads().done("e1", new Counts(3, 2, 1), T1)).isTrue();

    ExportLoadRow done = db.exportLoads().find("e1").orElseThrow();
    assertThat(done.state()).isEqualTo(State.DONE);
    assertThat(done.counts()).isEqualTo(new Counts(3, 2, 1));
    assertThat(done.error()).isNull();
    assertThat(done.finishedAt()).isEqualTo(T1);
    assertThat(db.exportLoads().pending()).isEmpty();
    // Finished loads never move again: a second process finishing it late changes nothing.
    assertThat(db.exportLoads().done("e1", new Counts(0, 0, 6), T1)).isFalse();
    assertThat(db.exportLoads().failed("e1", "late", T1)).isFalse();
    assertThat(db.exportLoads().find("e1").orElseThrow().counts()).isEqualTo(new Counts(3, 2, 1));
  }

  @Test
  void aRetriedLoadStaysPendingWithItsLastErrorAndAFailedOneSaysWhy() {
    db.exportLoads().ask("e1", "warehouse", T0);
    db.exportLoads().ask("e2", "warehouse", T1);

    assertThat(db.exportLoads().retrying("e1", "warehouse: unreachable", T1)).isTrue();
    assertThat(db.exportLoads().failed("e2", "the export was cancelled", T1)).isTrue();

    assertThat(db.exportLoads().pending())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.exportId()).isEqualTo("e1");
              assertThat(row.error()).isEqualTo("warehouse: unreachable");
              assertThat(row.updatedAt()).isEqualTo(T1);
            });
    ExportLoadRow failed = db.exportLoads().find("e2").orElseThrow();
    assertThat(failed.state()).isEqualTo(State.FAILED);
    assertThat(failed.error()).isEqualTo("the export was cancelled");
    assertThat(failed.counts()).isNull();
    assertThat(db.exportLoads().retrying("e2", "again", T1)).isFalse();
  }
}
