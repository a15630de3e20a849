package dev.gcjobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.store.SyncCycleRow.Counts;
import dev.gcjobs.store.SyncCycleRow.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The syncs' store behaviour, on H2 ({@link H2SyncStoreTest}) and PostgreSQL. */
abstract class SyncStoreContract {
  static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

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

  static SyncRow sync(String id, String destination) {
    return new SyncRow(id, destination, "conversations", "{}", false, null, null, T0, T0);
  }

  @Test
  void aSecondSyncOfTheSameKindIntoTheSameDestinationIsRefusedNamingTheFirst() {
    db.syncs().insert(sync("s1", "/data/gc.duckdb"));

    assertThatThrownBy(() -> db.syncs().insert(sync("s2", "/data/gc.duckdb")))
        .isInstanceOf(DuplicateSyncException.class)
        .hasMessageContaining("s1")
        .satisfies(e -> assertThat(((DuplicateSyncException) e).existing().id()).isEqualTo("s1"));
    db.syncs().insert(sync("s3", "/data/other.duckdb"));
    assertThat(db.syncs().list()).extracting(SyncRow::id).containsExactly("s1", "s3");
  }

  @Test
  void aFinishedCycleMovesTheWatermarkToItsWindowEndAndKeepsItsCounts() {
    db.syncs().insert(sync("s1", "d"));
    Instant end = T0.plus(Duration.ofHours(6));
    SyncCycleRow cycle = db.syncs().startCycle("s1", true, T0, end, null, T0);
    db.syncs().setCycleExport("s1", cycle.seq(), "x1");

    assertThat(db.syncs().runningCycle("s1"))
        .get()
        .extracting(SyncCycleRow::exportId)
        .isEqualTo("x1");
    db.syncs().finishCycle(cycle, new Counts(5, 1, 2, 3, 40), end);

    SyncRow after = db.syncs().find("s1").orElseThrow();
    assertThat(after.watermark()).isEqualTo(end);
    assertThat(after.lastReconcileAt()).isEqualTo(T0);
    assertThat(db.syncs().runningCycle("s1")).isEmpty();
    SyncCycleRow done = db.syncs().recentCycles("s1", 5).get(0);
    assertThat(done.state()).isEqualTo(State.DONE);
    assertThat(done.counts()).isEqualTo(new Counts(5, 1, 2, 3, 40));
  }

  @Test
  void aFailedCycleLeavesTheWatermarkSoTheNextReadsTheSameWindow() {
    db.syncs().insert(sync("s1", "d"));
    SyncCycleRow first = db.syncs().startCycle("s1", false, T0, T0.plusSeconds(60), null, T0);
    db.syncs().finishCycle(first, new Counts(1, 0, 0, 0, 4), T0.plusSeconds(61));
    SyncCycleRow second =
        db.syncs().startCycle("s1", false, T0, T0.plusSeconds(120), T0.plusSeconds(60), T0);

    db.syncs().failCycle(second, "Genesys answered 503", T0.plusSeconds(130));

    assertThat(db.syncs().find("s1").orElseThrow().watermark()).isEqualTo(T0.plusSeconds(60));
    assertThat(db.syncs().recentCycles("s1", 1).get(0))
        .extracting(SyncCycleRow::seq, SyncCycleRow::state, SyncCycleRow::error)
        .containsExactly(2, State.FAILED, "Genesys answered 503");
  }

  @Test
  void onlyOneCycleOfASyncRunsAtATime() {
    db.syncs().insert(sync("s1", "d"));
    db.syncs().startCycle("s1", false, T0, T0.plusSeconds(60), null, T0);

    assertThatThrownBy(() -> db.syncs().startCycle("s1", false, T0, T0.plusSeconds(60), null, T0))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("running already");
  }

  @Test
  void aLiveClaimKeepsOthersOutAndAnExpiredOneIsTakenOver() {
    db.syncs().insert(sync("s1", "d"));
    Instant until = T0.plusSeconds(30);

    assertThat(db.syncs().claim("s1", "node-a", T0, until)).isTrue();
    assertThat(db.syncs().claim("s1", "node-b", T0.plusSeconds(10), until)).isFalse();
    assertThat(db.syncs().claim("s1", "node-a", T0.plusSeconds(10), until)).isTrue();
    assertThat(db.syncs().claim("s1", "node-b", T0.plusSeconds(31), T0.plusSeconds(60))).isTrue();
    assertThat(db.syncs().owner("s1")).contains("node-b");
    db.syncs().release("s1", "node-b");
    assertThat(db.syncs().owner("s1")).isEmpty();
  }

  @Test
  void pausingAndDeletingASyncDeletesItsCyclesToo() {
    db.syncs().insert(sync("s1", "d"));
    db.syncs().startCycle("s1", false, T0, T0.plusSeconds(60), null, T0);

    assertThat(db.syncs().setPaused("s1", true, T0)).isTrue();
    assertThat(db.syncs().find("s1").orElseThrow().paused()).isTrue();
    assertThat(db.syncs().delete("s1")).isTrue();
    assertThat(db.syncs().find("s1")).isEmpty();
    assertThat(db.syncs().recentCycles("s1", 5)).isEmpty();
    assertThat(db.syncs().delete("s1")).isFalse();
  }
}
