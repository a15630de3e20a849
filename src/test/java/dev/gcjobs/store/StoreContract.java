package dev.gcjobs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.store.ChunkLifecycle.Event;
import dev.gcjobs.testing.Deadline;
import dev.gcjobs.testing.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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

  /** Runs steps for the tests: records each, and answers with the next time it is given. */
  static final class Steps implements StepHandler {
    final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    final Map<String, Instant> next = new ConcurrentHashMap<>();

    @Override
    public Optional<Instant> step(String exportId, int seq) {
      String id = exportId + "/" + seq;
      ran.add(id);
      return Optional.ofNullable(next.get(id));
    }
  }

  @Test
  void eachUnfinishedChunkIsOneExecutionDueAtItsPlannedTime() {
    startExport("e", 2);

    assertThat(db.chunks().findByExport("e"))
        .extracting(ChunkRow::schedule)
        .containsOnly(ChunkRow.Schedule.due(T0));
    assertThat(db.chunks().nextDueAt("e")).contains(T0);
    assertThat(db.chunks().nextDueAt("other")).isEmpty();
  }

  @Test
  void stepsRunWhenDueAndTheirNextTimeIsTheExecutionTime() {
    startExport("c", 3);
    TestClock clock = TestClock.at(T0);
    Steps steps = new Steps();
    steps.next.put("c/0", T0.plusSeconds(30));
    steps.next.put("c/2", T0.plusSeconds(10));
    ChunkSteps scheduler = new ChunkSteps(db, 2, clock);

    while (scheduler.runOneDue(steps)) {}

    assertThat(steps.ran).containsExactlyInAnyOrder("c/0", "c/1", "c/2");
    assertThat(db.chunks().findByExport("c"))
        .extracting(c -> c.schedule().nextRunAt())
        .containsExactly(T0.plusSeconds(30), null, T0.plusSeconds(10));
    assertThat(db.chunks().nextDueAt("c")).contains(T0.plusSeconds(10));

    clock.set(T0.plusSeconds(10));
    steps.ran.clear();
    steps.next.put("c/2", T0.plusSeconds(40));
    while (scheduler.runOneDue(steps)) {}
    assertThat(steps.ran).containsExactly("c/2");

    clock.set(T0.plusSeconds(40));
    steps.ran.clear();
    steps.next.clear();
    while (scheduler.runOneDue(steps)) {}
    assertThat(steps.ran).containsExactly("c/0", "c/2");
    assertThat(db.chunks().nextDueAt("c")).isEmpty();
  }

  @Test
  void aSchedulerForOneExportRunsOnlyThatExportsSteps() throws Exception {
    startExport("mine", 1);
    db.exports().insert(export("theirs", T0), chunks("theirs", 2, T0.minusSeconds(60)));
    Steps steps = new Steps();

    try (ChunkSteps cli = new ChunkSteps(db, 2, Clock.systemUTC())) {
      cli.start(steps, "mine");
      Deadline deadline = Deadline.in(Duration.ofSeconds(30), "the step of mine/0");
      while (!steps.ran.contains("mine/0")) {
        deadline.check();
        Thread.sleep(20);
      }
      // Two more looks of the poller, which would find the others' due steps.
      Thread.sleep(ChunkSteps.POLLING_INTERVAL.multipliedBy(2).toMillis());
    }

    assertThat(steps.ran).containsExactly("mine/0");
    assertThat(db.chunks().nextDueAt("theirs")).contains(T0.minusSeconds(60));
  }

  /**
   * A step this process schedules for later starts on time, not at the poller's next look up to a
   * polling interval later: the wake timer's job. Times between the looks, as a status check's are.
   */
  @Test
  void aStepScheduledLaterByThisProcessStartsOnTime() throws Exception {
    startExport("w", 1);
    Duration delay = ChunkSteps.POLLING_INTERVAL.multipliedBy(5).dividedBy(4);
    int delayedSteps = 3;
    List<Duration> late = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Instant> due = new ConcurrentHashMap<>();
    StepHandler handler =
        (exportId, seq) -> {
          Instant now = Instant.now();
          Instant wanted = due.get(late.size());
          if (wanted != null) {
            late.add(Duration.between(wanted, now));
          }
          if (late.size() == delayedSteps) {
            return Optional.empty();
          }
          Instant next = now.plus(delay);
          due.put(late.size(), next);
          return Optional.of(next);
        };
    try (ChunkSteps steps = new ChunkSteps(db, 2, Clock.systemUTC())) {
      steps.start(handler, null);
      Deadline deadline = Deadline.in(Duration.ofSeconds(30), "the delayed steps");
      while (late.size() < delayedSteps) {
        deadline.check();
        Thread.sleep(20);
      }
    }

    assertThat(late).allSatisfy(d -> assertThat(d).isLessThan(Duration.ofMillis(400)));
  }

  @Test
  void theStepsOfADeadProcessOnThisHostAreTakenOverOthersAreLeftAlone() throws Exception {
    startExport("k", 3);
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor(30, TimeUnit.SECONDS);
    pick("k/0", ProcessName.hostPrefix() + gone.pid());
    pick("k/1", ProcessName.current());
    pick("k/2", "elsewhere.example/1");
    assertThat(db.chunks().find("k", 0).orElseThrow().schedule().runningOn())
        .isEqualTo(ProcessName.hostPrefix() + gone.pid());

    ChunkSteps steps = new ChunkSteps(db, 2, TestClock.at(T0));
    assertThat(steps.takeOverDeadLocal()).isEqualTo(1);

    Steps ran = new Steps();
    while (steps.runOneDue(ran)) {}
    assertThat(ran.ran).containsExactly("k/0");
  }

  /** Marks an execution as run by {@code schedulerName}, as a process that picked it would. */
  private void pick(String instance, String schedulerName) throws Exception {
    try (var c = db.dataSource().getConnection();
        var ps =
            c.prepareStatement(
                "UPDATE gcjobs_scheduled_tasks SET picked = TRUE, picked_by = ?,"
                    + " last_heartbeat = ?, version = version + 1 WHERE task_instance = ?")) {
      ps.setString(1, schedulerName);
      ps.setTimestamp(2, java.sql.Timestamp.from(T0));
      ps.setString(3, instance);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void aStepWhoseChunkWasSavedMeanwhileCannotSaveOverIt() {
    startExport("t", 1);
    ChunkRow slow = db.chunks().find("t", 0).orElseThrow();
    ChunkRow fast = db.chunks().find("t", 0).orElseThrow();
    db.chunks()
        .save(
            in(ChunkState.FETCHING, fast)
                .withCheckpoint(new ChunkRow.Checkpoint("c1", 1, 100, 5000, null)),
            T0);

    assertThatThrownBy(
            () ->
                db.chunks()
                    .save(
                        in(ChunkState.FETCHING, slow)
                            .withCheckpoint(new ChunkRow.Checkpoint("old", 1, 90, 4000, null)),
                        T0))
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
    ChunkRow read = db.chunks().find("s", 0).orElseThrow();
    ChunkRow changed =
        in(ChunkState.FETCHING, read)
            .withJob(new ChunkRow.Job("job-42", T0.plusSeconds(1), 7, 2, 1))
            .withCheckpoint(
                new ChunkRow.Checkpoint("cursor-abc", 4, 3999, 123_456, T0.minusSeconds(3600)))
            .withErrorMessage("previous job expired");

    ChunkRow saved = db.chunks().save(changed, T0.plusSeconds(2));

    assertThat(saved.version()).isEqualTo(read.version() + 1);
    assertThat(saved.updatedAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(db.chunks().find("s", 0)).contains(saved);
    assertThat(saved.job().id()).isEqualTo("job-42");
    assertThat(saved.job().pollAttempts()).isEqualTo(7);
  }

  @Test
  void parkedChunksOfAFailedExportKeepTheirJobsAndAreOffTheScheduleUntilDueAgain() {
    startExport("p", 2);
    startExport("q", 1);
    ChunkRow polling =
        db.chunks()
            .save(
                in(ChunkState.POLLING, db.chunks().find("p", 0).orElseThrow())
                    .withJob(ChunkRow.Job.NONE.submitted("job-1", T0)),
                T0);
    db.exports().updateState("p", ExportState.RUNNING, ExportState.FAILED, null, T0);

    db.chunks().parkUnfinished("p");

    ChunkRow parked = db.chunks().find("p", 0).orElseThrow();
    assertThat(parked.job()).isEqualTo(polling.job());
    assertThat(parked.state()).isEqualTo(ChunkState.POLLING);
    assertThat(parked.schedule().nextRunAt()).isNull();
    assertThat(db.chunks().nextDueAt("p")).isEmpty();
    Steps steps = new Steps();
    ChunkSteps scheduler = new ChunkSteps(db, 2, TestClock.at(T0.plusSeconds(60)));
    while (scheduler.runOneDue(steps)) {}
    assertThat(steps.ran).containsExactly("q/0");

    db.exports().updateState("p", ExportState.FAILED, ExportState.RUNNING, null, T0);
    db.chunks().dueNow("p", T0.plusSeconds(60));
    assertThat(db.chunks().nextDueAt("p")).contains(T0.plusSeconds(60));
    while (scheduler.runOneDue(steps)) {}
    assertThat(steps.ran).containsExactlyInAnyOrder("q/0", "p/0", "p/1");
  }

  /**
   * A running export submitted again gives a step to an unfinished chunk left without one (its last
   * step found the export stopped while it was run again), and leaves the others' times.
   */
  @Test
  void schedulingTheMissingStepsLeavesTheScheduledOnesAlone() {
    startExport("m", 2);
    Steps steps = new Steps();
    steps.next.put("m/1", T0.plusSeconds(30));
    ChunkSteps scheduler = new ChunkSteps(db, 2, TestClock.at(T0));
    while (scheduler.runOneDue(steps)) {}
    assertThat(db.chunks().find("m", 0).orElseThrow().schedule().nextRunAt()).isNull();

    db.chunks().scheduleMissing("m", T0.plusSeconds(5));

    assertThat(db.chunks().findByExport("m"))
        .extracting(c -> c.schedule().nextRunAt())
        .containsExactly(T0.plusSeconds(5), T0.plusSeconds(30));
  }

  @Test
  void cancelStopsEveryUnfinishedChunkAndTheirSteps() {
    startExport("z", 3);
    ChunkRow done = db.chunks().findByExport("z").get(0);
    db.chunks().save(in(ChunkState.DONE, done), T0);
    ChunkRow running = db.chunks().find("z", 1).orElseThrow();

    assertThat(db.exports().cancel("z", T0.plusSeconds(1))).isTrue();
    assertThat(db.exports().cancel("z", T0.plusSeconds(2))).isFalse();

    assertThat(db.exports().findById("z").orElseThrow().state()).isEqualTo(ExportState.CANCELLED);
    assertThat(db.chunks().findByExport("z"))
        .extracting(ChunkRow::state)
        .containsExactly(ChunkState.DONE, ChunkState.CANCELLED, ChunkState.CANCELLED);
    assertThatThrownBy(() -> db.chunks().save(in(ChunkState.SUBMITTED, running), T0))
        .isInstanceOf(ChunkConflictException.class);
    assertThat(new ChunkSteps(db, 2, TestClock.at(T0.plusSeconds(600))).runOneDue(new Steps()))
        .isFalse();
  }

  /**
   * Two processes' schedulers share the store's executions: every step runs, and no chunk's step
   * runs in both at once.
   */
  @Test
  void schedulersInTwoPoolsNeverRunOneChunksStepTwiceAtOnce() throws Exception {
    int chunkCount = 20;
    int stepsPerChunk = 3;
    startExport("race-a", chunkCount / 2);
    startExport("race-b", chunkCount / 2);
    Map<String, Integer> stepsOf = new ConcurrentHashMap<>();
    Set<String> running = ConcurrentHashMap.newKeySet();
    List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
    StepHandler handler =
        (exportId, seq) -> {
          String id = exportId + "/" + seq;
          if (!running.add(id)) {
            overlaps.add(id);
          }
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.remove(id);
          int done = stepsOf.merge(id, 1, Integer::sum);
          return done < stepsPerChunk ? Optional.of(Instant.now()) : Optional.empty();
        };
    // A second pool stands for a second process sharing the database.
    try (Database otherProcess = Database.open(url);
        ChunkSteps one = new ChunkSteps(db, 4, Clock.systemUTC());
        ChunkSteps two = new ChunkSteps(otherProcess, 4, Clock.systemUTC())) {
      one.start(handler, null);
      two.start(handler, null);
      Deadline deadline = Deadline.in(Duration.ofSeconds(60), "every step of every chunk");
      while (stepsOf.values().stream().mapToInt(Integer::intValue).sum()
          < chunkCount * stepsPerChunk) {
        deadline.check();
        Thread.sleep(20);
      }
    }

    assertThat(overlaps).isEmpty();
    assertThat(stepsOf).hasSize(chunkCount).allSatisfy((id, n) -> assertThat(n).isEqualTo(3));
  }

  /**
   * A step longer than the time after which a silent process counts as dead keeps its chunk: its
   * process beats for it, so the other process's dead-execution check leaves it alone.
   */
  @Test
  void aStepLongerThanTheDeadTimeKeepsItsChunkByBeating() throws Exception {
    startExport("slow", 1);
    Duration beat = Duration.ofMillis(200);
    Duration stepTime = beat.multipliedBy(ChunkSteps.MISSED_HEARTBEATS + 6);
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    StepHandler slow =
        (exportId, seq) -> {
          ran.add(exportId + "/" + seq);
          try {
            Thread.sleep(stepTime.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Optional.empty();
        };
    try (Database otherProcess = Database.open(url);
        ChunkSteps one = new ChunkSteps(db, 2, Clock.systemUTC(), beat);
        ChunkSteps two = new ChunkSteps(otherProcess, 2, Clock.systemUTC(), beat)) {
      one.start(slow, null);
      two.start(slow, null);
      Deadline deadline = Deadline.in(Duration.ofSeconds(60), "the slow step to end");
      while (db.chunks().nextDueAt("slow").isPresent()) {
        deadline.check();
        Thread.sleep(50);
      }
    }

    assertThat(ran).containsExactly("slow/0");
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
