package dev.gcjobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.store.ChunkLifecycle.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's behaviour, run against H2 ({@link H2StoreTest}) and PostgreSQL ({@link
 * PostgresStoreIT}): both must pass the same suite.
 */
abstract class StoreContract {
  static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
  static final Duration LEASE = Duration.ofMinutes(2);

  Database db;

  /** A JDBC URL of an empty database that no other test uses. */
  abstract String freshDatabaseUrl() throws Exception;

  /** Removes what {@link #freshDatabaseUrl()} made. */
  void dropDatabase() throws Exception {}

  String url;

  @BeforeEach
  void openStore() throws Exception {
    url = freshDatabaseUrl();
    db = Database.open(url);
  }

  @AfterEach
  void closeStore() throws Exception {
    if (db != null) {
      db.close();
    }
    dropDatabase();
  }

  /** A new export {@code id} of the request export {@code taken} was started for. */
  static ExportRow sameRequestAs(String taken, String id) {
    return new ExportRow(
        id,
        "key-" + taken,
        null,
        "conversations",
        "{}",
        "o",
        ExportState.RUNNING,
        null,
        T0,
        T0,
        null,
        null);
  }

  static ExportRow export(String id, Instant createdAt) {
    return ExportRow.running(
        id,
        "key-" + id,
        null,
        "conversations",
        "{\"interval\":\"x\"}",
        "out.ndjson",
        null,
        createdAt);
  }

  static List<ChunkRow> chunks(String exportId, int count, Instant due) {
    List<ChunkRow> chunks = new ArrayList<>();
    for (int seq = 0; seq < count; seq++) {
      Instant start = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofDays(seq));
      chunks.add(ChunkRow.planned(exportId, seq, start, start.plus(Duration.ofDays(1)), due));
    }
    return chunks;
  }

  String startExport(String id, int chunkCount) {
    db.exports().insert(export(id, T0), chunks(id, chunkCount, T0));
    return id;
  }

  @Test
  void opensAnAlreadyMigratedDatabaseAgain() {
    try (Database again = Database.open(url)) {
      assertThat(again.exports().countByState()).containsEntry(ExportState.RUNNING, 0L);
    }
  }

  @Test
  void storesAnExportWithItsChunksAndReadsThemBackUnchanged() {
    ExportRow export =
        ExportRow.running(
            "exp-1",
            "a".repeat(64),
            "idem-1",
            "users",
            "{\"interval\":\"2024-01-01T00:00:00Z/2024-01-03T00:00:00Z\",\"é\":\"ü\"}",
            "/data/out.ndjson.gz",
            T0.plus(Duration.ofHours(1)),
            T0.plusNanos(123_456_789));
    List<ChunkRow> chunks = chunks("exp-1", 2, T0);

    db.exports().insert(export, chunks);

    assertThat(db.exports().findById("exp-1")).contains(export);
    assertThat(db.exports().findById("exp-1").orElseThrow().createdAt())
        .isEqualTo(T0.plusMillis(123));
    assertThat(db.chunks().findByExport("exp-1")).isEqualTo(chunks);
    assertThat(db.exports().findByRequestKey("a".repeat(64))).contains(export);
    assertThat(db.exports().findByIdempotencyKey("idem-1")).contains(export);
    assertThat(db.exports().findById("nope")).isEmpty();
  }

  @Test
  void startingTheSameRequestTwiceFailsWithDuplicateExportAndStoresNothingMore() {
    startExport("first", 2);
    ExportRow sameRequest = sameRequestAs("first", "second");

    assertThatThrownBy(() -> db.exports().insert(sameRequest, chunks("second", 3, T0)))
        .isInstanceOf(DuplicateExportException.class)
        .hasMessageContaining("same request");
    assertThat(db.exports().findById("second")).isEmpty();
    assertThat(db.chunks().findByExport("second")).isEmpty();
  }

  @Test
  void reusingAnIdempotencyKeyFailsWithDuplicateExport() {
    db.exports()
        .insert(
            ExportRow.running("a", "ka", "same", "conversations", "{}", "o", null, T0), List.of());
    assertThatThrownBy(
            () ->
                db.exports()
                    .insert(
                        ExportRow.running("b", "kb", "same", "conversations", "{}", "o", null, T0),
                        List.of()))
        .isInstanceOf(DuplicateExportException.class)
        .hasMessageContaining("idempotency key 'same'");
  }

  @Test
  void exportsWithoutAnIdempotencyKeyDoNotClash() {
    startExport("a", 0);
    startExport("b", 0);
    assertThat(db.exports().countByState()).containsEntry(ExportState.RUNNING, 2L);
  }

  @Test
  void listsExportsNewestFirstPageByPageWithoutGapsOrRepeats() {
    // Two exports share a creation time: the id breaks the tie.
    db.exports().insert(export("e1", T0), List.of());
    db.exports().insert(export("e2", T0.plusSeconds(1)), List.of());
    db.exports().insert(export("e3", T0.plusSeconds(1)), List.of());
    db.exports().insert(export("e4", T0.plusSeconds(2)), List.of());
    db.exports().insert(export("e5", T0.plusSeconds(3)), List.of());

    List<String> seen = new ArrayList<>();
    ExportCursor after = null;
    int pages = 0;
    do {
      ExportPage page = db.exports().list(Set.of(), 2, after);
      page.exports().forEach(e -> seen.add(e.id()));
      after = page.next().map(c -> ExportCursor.parse(c.token())).orElse(null);
      pages++;
    } while (after != null);

    assertThat(seen).containsExactly("e5", "e4", "e3", "e2", "e1");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void listsOnlyExportsInTheRequestedStates() {
    startExport("running", 0);
    startExport("done", 0);
    db.exports().updateState("done", ExportState.RUNNING, ExportState.DONE, null, T0);

    assertThat(db.exports().list(Set.of(ExportState.DONE), 10, null).exports())
        .extracting(ExportRow::id)
        .containsExactly("done");
    assertThat(db.exports().list(Set.of(ExportState.DONE, ExportState.RUNNING), 10, null).exports())
        .hasSize(2);
  }

  @Test
  void updateStateMovesOnlyFromTheExpectedStateAndRecordsTheError() {
    startExport("x", 1);
    ExportError error =
        new ExportError("job.failed", "the Genesys job failed", "Query timed out", "ctx-123");
    Instant later = T0.plusSeconds(60);

    assertThat(db.exports().updateState("x", ExportState.RUNNING, ExportState.FAILED, error, later))
        .isTrue();
    // A late completion must not overwrite the failure.
    assertThat(db.exports().updateState("x", ExportState.RUNNING, ExportState.DONE, null, later))
        .isFalse();

    ExportRow failed = db.exports().findById("x").orElseThrow();
    assertThat(failed.state()).isEqualTo(ExportState.FAILED);
    assertThat(failed.error()).isEqualTo(error);
    assertThat(failed.finishedAt()).isEqualTo(later);
    assertThat(failed.updatedAt()).isEqualTo(later);
  }

  @Test
  void resumingAFailedExportClearsItsErrorAndFinishTime() {
    startExport("x", 1);
    db.exports()
        .updateState(
            "x",
            ExportState.RUNNING,
            ExportState.FAILED,
            new ExportError("deadline.exceeded", "too slow", null, null),
            T0);

    assertThat(db.exports().updateState("x", ExportState.FAILED, ExportState.RUNNING, null, T0))
        .isTrue();
    assertThat(db.exports().updateRun("x", "{\"pageSize\":10}", T0.plusSeconds(600), T0)).isTrue();

    ExportRow resumed = db.exports().findById("x").orElseThrow();
    assertThat(resumed.state()).isEqualTo(ExportState.RUNNING);
    assertThat(resumed.error()).isNull();
    assertThat(resumed.finishedAt()).isNull();
    assertThat(resumed.deadlineAt()).isEqualTo(T0.plusSeconds(600));
    assertThat(resumed.requestJson()).isEqualTo("{\"pageSize\":10}");
  }

  @Test
  void progressSumsTheCheckpointsOfAllChunks() {
    startExport("p", 3);
    startExport("other", 1);
    List<ChunkRow> chunks = db.chunks().findByExport("p");
    db.chunks()
        .save(
            in(ChunkState.DONE, chunks.get(0))
                .withCheckpoint(new ChunkRow.Checkpoint(null, 3, 2500, 9000, null)),
            T0);
    db.chunks()
        .save(
            in(ChunkState.FETCHING, chunks.get(1))
                .withCheckpoint(new ChunkRow.Checkpoint("c2", 1, 1000, 4000, null)),
            T0);
    db.chunks().save(in(ChunkState.FAILED, chunks.get(2)).withErrorMessage("job failed"), T0);

    assertThat(db.exports().progress("p"))
        .isEqualTo(new ExportProgress(3, 1, 1, 4, 3500, 13000, null));
    assertThat(db.exports().progress(List.of("p", "other", "missing")))
        .containsOnlyKeys("p", "other");
    assertThat(db.exports().progress("missing")).isEqualTo(ExportProgress.NONE);
  }

  @Test
  void claimsOnlyDueChunksOfRunningExportsEarliestFirst() {
    String id = startExport("c", 3);
    List<ChunkRow> chunks = db.chunks().findByExport(id);
    db.chunks().save(chunks.get(0).withSchedule(ChunkRow.Schedule.due(T0.plusSeconds(30))), T0);
    db.chunks().save(in(ChunkState.DONE, chunks.get(1)), T0);
    db.chunks().save(chunks.get(2).withSchedule(ChunkRow.Schedule.due(T0.plusSeconds(10))), T0);

    assertThat(db.chunks().claimDue("w", T0, LEASE)).isEmpty();

    ChunkRow claimed = db.chunks().claimDue("w", T0.plusSeconds(40), LEASE).orElseThrow();
    assertThat(claimed.seq()).isEqualTo(2);
    assertThat(claimed.schedule().leaseOwner()).isEqualTo("w");
    assertThat(claimed.schedule().leaseUntil()).isEqualTo(T0.plusSeconds(40).plus(LEASE));
    assertThat(db.chunks().find(id, 2)).contains(claimed);

    assertThat(db.chunks().claimDue("w", T0.plusSeconds(40), LEASE).orElseThrow().seq())
        .isEqualTo(0);
    assertThat(db.chunks().claimDue("w", T0.plusSeconds(40), LEASE)).isEmpty();
  }

  /** Claims read each state's due chunks apart (ChunkRepository.DUE_ANYWHERE) and merge them. */
  @Test
  void claimsTheEarliestDueChunkWhateverItsStateAcrossExports() {
    startExport("a", 2);
    startExport("b", 2);
    List<ChunkRow> a = db.chunks().findByExport("a");
    List<ChunkRow> b = db.chunks().findByExport("b");
    db.chunks()
        .save(a.get(0).withSchedule(ChunkRow.Schedule.due(T0.plusSeconds(4))), T0); // PLANNED
    db.chunks()
        .save(
            in(ChunkState.FETCHING, a.get(1))
                .withSchedule(ChunkRow.Schedule.due(T0.plusSeconds(2))),
            T0);
    db.chunks()
        .save(
            in(ChunkState.POLLING, b.get(0)).withSchedule(ChunkRow.Schedule.due(T0.plusSeconds(3))),
            T0);
    db.chunks()
        .save(
            in(ChunkState.SUBMITTED, b.get(1))
                .withSchedule(ChunkRow.Schedule.due(T0.plusSeconds(1))),
            T0);

    List<String> order = new ArrayList<>();
    for (Optional<ChunkRow> c = db.chunks().claimDue("w", T0.plusSeconds(5), LEASE);
        c.isPresent();
        c = db.chunks().claimDue("w", T0.plusSeconds(5), LEASE)) {
      order.add(c.get().exportId() + c.get().seq());
    }

    assertThat(order).containsExactly("b1", "a1", "b0", "a0");
  }

  /** Workers nap until the first chunk nobody holds is due; a held one is its worker's. */
  @Test
  void nextDueAtOfEveryExportSkipsChunksHeldByAWorker() {
    startExport("h", 2);
    List<ChunkRow> chunks = db.chunks().findByExport("h");
    db.chunks().save(chunks.get(1).withSchedule(ChunkRow.Schedule.due(T0.plusSeconds(300))), T0);
    ChunkRow held = db.chunks().claimDue("w", T0, LEASE).orElseThrow();
    assertThat(held.seq()).isZero();

    assertThat(db.chunks().nextDueAt()).contains(T0.plusSeconds(300));
    // The export's own next step counts the held chunk, at the end of its lease.
    assertThat(db.chunks().nextDueAt("h")).contains(T0.plus(LEASE));
  }

  @Test
  void claimDueInClaimsOnlyTheChunksOfThatExport() {
    startExport("mine", 1);
    db.exports().insert(export("theirs", T0), chunks("theirs", 2, T0.minusSeconds(60)));

    assertThat(db.chunks().claimDueIn("mine", "cli", T0, LEASE).orElseThrow().exportId())
        .isEqualTo("mine");
    assertThat(db.chunks().claimDueIn("mine", "cli", T0, LEASE)).isEmpty();
    assertThat(db.chunks().claimDue("server", T0, LEASE).orElseThrow().exportId())
        .isEqualTo("theirs");
  }

  @Test
  void doesNotClaimChunksOfExportsThatAreNotRunning() {
    startExport("failed", 2);
    db.exports().updateState("failed", ExportState.RUNNING, ExportState.FAILED, null, T0);

    assertThat(db.chunks().claimDue("w", T0, LEASE)).isEmpty();
  }

  @Test
  void aChunkHeldByAWorkerThatDiedIsClaimedAgainOnceItsLeaseExpires() {
    startExport("k", 1);
    ChunkRow first = db.chunks().claimDue("dead-worker", T0, LEASE).orElseThrow();

    assertThat(db.chunks().claimDue("other", T0.plus(LEASE).minusMillis(1), LEASE)).isEmpty();
    assertThat(db.chunks().nextDueAt("k")).contains(T0.plus(LEASE));
    ChunkRow again = db.chunks().claimDue("other", T0.plus(LEASE), LEASE).orElseThrow();

    assertThat(again.seq()).isEqualTo(first.seq());
    assertThat(again.schedule().leaseOwner()).isEqualTo("other");
    assertThat(again.version()).isEqualTo(first.version() + 1);
  }

  @Test
  void aWorkerWhoseChunkWasTakenOverCannotSaveOverTheNewOwner() {
    startExport("t", 1);
    ChunkRow slow = db.chunks().claimDue("slow", T0, LEASE).orElseThrow();
    ChunkRow fast = db.chunks().claimDue("fast", T0.plus(LEASE), LEASE).orElseThrow();
    db.chunks()
        .save(
            in(ChunkState.FETCHING, fast)
                .withCheckpoint(new ChunkRow.Checkpoint("c1", 1, 100, 5000, null)),
            T0.plus(LEASE));

    assertThatThrownBy(
            () ->
                db.chunks()
                    .save(
                        in(ChunkState.FETCHING, slow)
                            .withCheckpoint(new ChunkRow.Checkpoint("old", 1, 90, 4000, null)),
                        T0.plus(LEASE)))
        .isInstanceOfSatisfying(
            ChunkConflictException.class,
            e -> {
              assertThat(e.exportId()).isEqualTo("t");
              assertThat(e.seq()).isZero();
              assertThat(e.expectedVersion()).isEqualTo(slow.version());
            });
    assertThat(db.chunks().find("t", 0).orElseThrow().checkpoint().cursor()).isEqualTo("c1");
  }

  @Test
  void saveStoresEveryFieldTheEngineChangesAndBumpsTheVersion() {
    startExport("s", 1);
    ChunkRow claimed = db.chunks().claimDue("w", T0, LEASE).orElseThrow();
    ChunkRow changed =
        in(ChunkState.FETCHING, claimed)
            .withJob(new ChunkRow.Job("job-42", T0.plusSeconds(1), 7, 2, 1))
            .withCheckpoint(
                new ChunkRow.Checkpoint("cursor-abc", 4, 3999, 123_456, T0.minusSeconds(3600)))
            .withErrorMessage("previous job expired")
            .withSchedule(new ChunkRow.Schedule(T0.plusSeconds(5), "w", T0.plusSeconds(300)));

    ChunkRow saved = db.chunks().save(changed, T0.plusSeconds(2));

    assertThat(saved.version()).isEqualTo(claimed.version() + 1);
    assertThat(saved.updatedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(db.chunks().find("s", 0)).contains(saved);
    assertThat(saved.job().id()).isEqualTo("job-42");
    assertThat(saved.job().pollAttempts()).isEqualTo(7);
    assertThat(saved.schedule().isLeasedBy("w", T0.plusSeconds(299))).isTrue();
  }

  @Test
  void onlyTheLiveHolderRenewsALeaseAndItsVersionStays() {
    startExport("h", 1);
    ChunkRow claimed = db.chunks().claimDue("w", T0, LEASE).orElseThrow();
    Instant later = T0.plus(LEASE).plusSeconds(60);

    assertThat(db.chunks().renewLease("h", 0, "other", later, T0.plusSeconds(1))).isFalse();
    assertThat(db.chunks().renewLease("h", 0, "w", later, T0.plusSeconds(1))).isTrue();
    ChunkRow renewed = db.chunks().find("h", 0).orElseThrow();
    assertThat(renewed.schedule().leaseUntil()).isEqualTo(later);
    assertThat(renewed.version()).isEqualTo(claimed.version());
    // A lease that ran out may be someone else's by now: it is not renewed.
    assertThat(db.chunks().renewLease("h", 0, "w", later.plusSeconds(60), later.plusSeconds(1)))
        .isFalse();
    // The holder's save of its step still fits.
    db.chunks().save(claimed.withErrorMessage("step done"), T0.plusSeconds(2));
  }

  @Test
  void releaseDropsTheLeaseAndSchedulesTheNextStep() {
    startExport("r", 1);
    ChunkRow claimed = db.chunks().claimDue("w", T0, LEASE).orElseThrow();

    ChunkRow released =
        db.chunks()
            .release(
                in(ChunkState.POLLING, claimed).withJob(claimed.job().polled()),
                T0.plusSeconds(8),
                T0);

    assertThat(released.schedule().leaseOwner()).isNull();
    assertThat(released.schedule().leaseUntil()).isNull();
    assertThat(db.chunks().nextDueAt("r")).contains(T0.plusSeconds(8));
    assertThat(db.chunks().nextDueAt()).contains(T0.plusSeconds(8));
    assertThat(db.chunks().claimDue("w2", T0.plusSeconds(7), LEASE)).isEmpty();
    assertThat(db.chunks().claimDue("w2", T0.plusSeconds(8), LEASE)).isPresent();
  }

  @Test
  void nextDueAtIsEmptyWhenEveryChunkIsFinished() {
    startExport("n", 1);
    ChunkRow chunk = db.chunks().findByExport("n").get(0);
    db.chunks().save(in(ChunkState.DONE, chunk), T0);

    assertThat(db.chunks().nextDueAt("n")).isEmpty();
    assertThat(db.chunks().nextDueAt()).isEmpty();
  }

  @Test
  void parkedChunksOfAFailedExportKeepTheirJobsAndAreNotDueUntilReleased() {
    startExport("p", 2);
    startExport("q", 1);
    ChunkRow held = db.chunks().claimDueIn("p", "w", T0, LEASE).orElseThrow();
    ChunkRow polling =
        db.chunks()
            .save(
                in(ChunkState.POLLING, held).withJob(ChunkRow.Job.NONE.submitted("job-1", T0)), T0);
    db.exports().updateState("p", ExportState.RUNNING, ExportState.FAILED, null, T0);

    db.chunks().parkUnfinished("p", T0);

    ChunkRow parked = db.chunks().find("p", 0).orElseThrow();
    assertThat(parked.job().id()).isEqualTo("job-1");
    assertThat(parked.state()).isEqualTo(ChunkState.POLLING);
    assertThat(parked.schedule().nextRunAt()).isEqualTo(ChunkRepository.PARKED);
    assertThat(parked.schedule().leaseOwner()).isNull();
    // A step still running on it loses its save, as after a cancel.
    assertThatThrownBy(() -> db.chunks().save(polling.withJob(polling.job().polled()), T0))
        .isInstanceOf(ChunkConflictException.class);

    db.exports().updateState("p", ExportState.FAILED, ExportState.RUNNING, null, T0);
    assertThat(db.chunks().claimDue("w", T0.plusSeconds(60), LEASE).orElseThrow().exportId())
        .isEqualTo("q");
    assertThat(db.chunks().claimDue("w", T0.plusSeconds(60), LEASE)).isEmpty();
    db.chunks().release(parked, T0.plusSeconds(60), T0.plusSeconds(60));
    assertThat(db.chunks().claimDue("w", T0.plusSeconds(60), LEASE).orElseThrow().seq()).isZero();
  }

  @Test
  void cancelStopsEveryUnfinishedChunkAndTheirWorkers() {
    startExport("z", 3);
    ChunkRow done = db.chunks().findByExport("z").get(0);
    db.chunks().save(in(ChunkState.DONE, done), T0);
    ChunkRow held = db.chunks().claimDue("w", T0, LEASE).orElseThrow();

    assertThat(db.exports().cancel("z", T0.plusSeconds(1))).isTrue();
    assertThat(db.exports().cancel("z", T0.plusSeconds(2))).isFalse();

    assertThat(db.exports().findById("z").orElseThrow().state()).isEqualTo(ExportState.CANCELLED);
    assertThat(db.chunks().findByExport("z"))
        .extracting(ChunkRow::state)
        .containsExactly(ChunkState.DONE, ChunkState.CANCELLED, ChunkState.CANCELLED);
    assertThatThrownBy(() -> db.chunks().save(in(ChunkState.SUBMITTED, held), T0))
        .isInstanceOf(ChunkConflictException.class);
    assertThat(db.chunks().claimDue("w", T0.plusSeconds(600), LEASE)).isEmpty();
  }

  @Test
  void concurrentClaimersInSeveralThreadsAndPoolsNeverClaimTheSameChunkTwice() throws Exception {
    int chunkCount = 40;
    int threads = 8;
    startExport("race-a", chunkCount / 2);
    startExport("race-b", chunkCount / 2);
    // A second pool stands for a second process sharing the database.
    try (Database otherProcess = Database.open(url)) {
      Map<String, String> claimedBy = new ConcurrentHashMap<>();
      List<String> duplicates = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Database store = t % 2 == 0 ? db : otherProcess;
        String owner = "worker-" + t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int claims = 0;
                  Optional<ChunkRow> chunk;
                  while ((chunk = store.chunks().claimDue(owner, T0, LEASE)).isPresent()) {
                    String key = chunk.get().exportId() + "#" + chunk.get().seq();
                    if (claimedBy.putIfAbsent(key, owner) != null) {
                      synchronized (duplicates) {
                        duplicates.add(key);
                      }
                    }
                    claims++;
                  }
                  return claims;
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> result : results) {
        total += result.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(duplicates).isEmpty();
      assertThat(total).isEqualTo(chunkCount);
      assertThat(claimedBy).hasSize(chunkCount);
    }
  }

  /**
   * New exports arriving together share commits (GroupCommit): each caller must still get its own
   * outcome, a duplicate failing alone while the exports committed with it are stored whole.
   */
  @Test
  void concurrentInsertsEachGetTheirOwnOutcomeWhenSomeAreDuplicates() throws Exception {
    int threads = 8;
    int perThread = 40;
    startExport("taken", 1);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<List<String>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(
          pool.submit(
              () -> {
                start.await();
                List<String> outcomes = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                  String id = "e-" + thread + "-" + i;
                  // Every fifth insert repeats the request of "taken": a retried submit.
                  ExportRow row = i % 5 == 0 ? sameRequestAs("taken", id) : export(id, T0);
                  try {
                    db.exports().insert(row, chunks(id, 2, T0));
                    outcomes.add(id + "=stored");
                  } catch (DuplicateExportException e) {
                    outcomes.add(id + "=duplicate");
                  }
                }
                return outcomes;
              }));
    }
    start.countDown();
    List<String> outcomes = new ArrayList<>();
    for (Future<List<String>> result : results) {
      outcomes.addAll(result.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();

    for (String outcome : outcomes) {
      String id = outcome.substring(0, outcome.indexOf('='));
      boolean duplicate = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)) % 5 == 0;
      assertThat(outcome).isEqualTo(id + (duplicate ? "=duplicate" : "=stored"));
      assertThat(db.exports().findById(id).isPresent()).isEqualTo(!duplicate);
      assertThat(db.chunks().findByExport(id)).hasSize(duplicate ? 0 : 2);
    }
    assertThat(outcomes).hasSize(threads * perThread);
  }

  /** {@code c} moved through the lifecycle to {@code state}, as the engine would. */
  static ChunkRow in(ChunkState state, ChunkRow c) {
    List<Event> path =
        switch (state) {
          case PLANNED -> List.of();
          case SUBMITTED -> List.of(Event.SLOT_TAKEN);
          case POLLING -> List.of(Event.SLOT_TAKEN, Event.POLLED);
          case FETCHING -> List.of(Event.SLOT_TAKEN, Event.FULFILLED);
          case DONE -> List.of(Event.SLOT_TAKEN, Event.FULFILLED, Event.LAST_PAGE_READ);
          case FAILED -> List.of(Event.FAILED);
          case CANCELLED -> List.of(Event.CANCELLED);
        };
    ChunkRow moved = c;
    for (Event e : path) {
      moved = moved.after(e);
    }
    return moved;
  }
}
