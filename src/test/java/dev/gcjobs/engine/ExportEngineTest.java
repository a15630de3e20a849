package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.emulator.Endpoint;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkState;
import dev.gcjobs.testing.Deadline;
import dev.gcjobs.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("emulator")
class ExportEngineTest {
  @TempDir Path dir;

  private ExportRequest.Builder threeDays() {
    return ExportRequest.builder()
        .interval("2024-05-01/2024-05-04")
        .chunkSize(Duration.ofHours(6))
        .pageSize(100)
        .output(dir.resolve("out.ndjson.gz").toString());
  }

  @Test
  void writesEveryConversationExactlyOnceAcrossChunkBoundaries() throws Exception {
    try (ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator())) {
      ExportRequest request = threeDays().build();

      ExportStatus status = f.run(request);

      assertThat(status.state()).isEqualTo(ExportStatus.State.DONE);
      List<JsonNode> records = ExportFixture.records(request.output().file());
      List<String> ids = ExportFixture.ids(records, "conversationId");
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(f.groundTruth(request));
      assertThat(status.progress().records()).isEqualTo(ids.size());
      // The boundaries were really crossed: some conversations overlap two or more chunks.
      assertThat(records.stream().filter(ExportEngineTest::spansASixHourBoundary).count())
          .isGreaterThan(10);
      assertThat(Files.exists(Path.of(request.output() + ".manifest.json"))).isTrue();
    }
  }

  @Test
  void exportsOnlyWhatTheFiltersSelect() throws Exception {
    try (ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator())) {
      ExportRequest request = threeDays().filters(List.of("mediaType=chat")).build();

      ExportStatus status = f.run(request);

      assertThat(status.state()).isEqualTo(ExportStatus.State.DONE);
      List<String> ids =
          ExportFixture.ids(ExportFixture.records(request.output().file()), "conversationId");
      List<String> truth = f.groundTruth(request);
      assertThat(truth).isNotEmpty();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(truth);
    }
  }

  @Test
  void exportsUserDetailsPerChunk() throws Exception {
    try (ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator())) {
      ExportRequest request =
          ExportRequest.builder()
              .kind("users")
              .interval("2024-05-01/2024-05-03")
              .chunkSize(Duration.ofDays(1))
              .output(dir.resolve("users.ndjson").toString())
              .build();

      ExportStatus status = f.run(request);

      assertThat(status.state()).isEqualTo(ExportStatus.State.DONE);
      List<String> ids =
          ExportFixture.ids(ExportFixture.records(request.output().file()), "userId");
      // A user active on both days appears once per day, with that day's presence.
      List<String> expected =
          new java.util.ArrayList<>(f.groundTruth(day(request, "2024-05-01/2024-05-02")));
      expected.addAll(f.groundTruth(day(request, "2024-05-02/2024-05-03")));
      assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void getsThroughRateLimitStormsServerErrorsAndExpiringTokens() throws Exception {
    try (ExportFixture f =
        new ExportFixture(
            dir,
            ExportFixture.quickEmulator()
                .tokenTtl(Duration.ofSeconds(1))
                .injectedRetryAfter(Duration.ofSeconds(1))
                .fault("api:429=0.3")
                .fault("results:503=0.1")
                .fault("status:502=0.1")
                .fault("submit:504=0.1"))) {
      ExportRequest request =
          threeDays().interval("2024-05-01/2024-05-02").chunkSize(Duration.ofHours(12)).build();

      ExportStatus status = f.run(request);

      assertThat(status.state()).isEqualTo(ExportStatus.State.DONE);
      List<String> ids =
          ExportFixture.ids(ExportFixture.records(request.output().file()), "conversationId");
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(f.groundTruth(request));
      // The storm hit somewhere: which endpoints it hit depends on the order of the requests.
      assertThat(
              Arrays.stream(Endpoint.values())
                  .mapToLong(e -> f.emulator.requestCounts().count(e, 429))
                  .sum())
          .isPositive();
      assertThat(f.emulator.requestCounts().count(Endpoint.TOKEN, 200)).isGreaterThan(1);
    }
  }

  @Test
  void resubmitsAJobThatExpiresWhileItsResultsAreRead() throws Exception {
    TestClock clock = TestClock.followingSystemTime();
    try (ExportFixture f =
        new ExportFixture(
            dir,
            ExportFixture.quickEmulator().clock(clock).resultRetention(Duration.ofMinutes(30)))) {
      ExportRequest request =
          threeDays().interval("2024-05-01/2024-05-02").chunkSize(Duration.ofHours(12)).build();
      String id = f.engine.exports().submit(request, null).id();
      AtomicReference<Boolean> expired = new AtomicReference<>(false);

      Deadline deadline = Deadline.in(Duration.ofSeconds(60), "the export to end");
      while (!f.engine.exports().find(id).orElseThrow().state().isFinal()) {
        deadline.check();
        boolean ran = f.engine.runOneDueStep();
        if (!expired.get()
            && f.db.chunks().findByExport(id).stream().anyMatch(c -> c.checkpoint().pages() == 1)) {
          clock.advance(Duration.ofHours(1)); // every job's results are now past their retention
          expired.set(true);
        }
        if (!ran) {
          Thread.sleep(10);
        }
      }

      assertThat(f.engine.exports().find(id).orElseThrow().state())
          .isEqualTo(ExportStatus.State.DONE);
      List<String> ids =
          ExportFixture.ids(ExportFixture.records(request.output().file()), "conversationId");
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(f.groundTruth(request));
      assertThat(f.emulator.requestCounts().count(Endpoint.SUBMIT, 202)).isGreaterThan(2);
    }
  }

  @Test
  void failsWithGenesysErrorMessageWhenAJobFails() {
    try (ExportFixture f =
        new ExportFixture(dir, ExportFixture.quickEmulator().failedJobFraction(1.0))) {
      ExportStatus status = f.run(threeDays().build());

      assertThat(status.state()).isEqualTo(ExportStatus.State.FAILED);
      assertThat(status.failure().code()).isEqualTo("job_failed");
      assertThat(status.failure().genesysMessage()).isNotBlank();
      assertThat(status.failure().message()).contains(status.failure().genesysMessage());
      assertThat(Files.exists(dir.resolve("out.ndjson.gz"))).isFalse();
    }
  }

  @Test
  void failsAtItsDeadlineAndResumesWhenRunAgain() throws Exception {
    try (ExportFixture f =
        new ExportFixture(
            dir, ExportFixture.quickEmulator().jobBaseDelay(Duration.ofMillis(1500)))) {
      ExportRequest hurried = threeDays().timeout(Duration.ofMillis(700)).build();

      ExportStatus first = f.run(hurried);

      assertThat(first.state()).isEqualTo(ExportStatus.State.FAILED);
      assertThat(first.failure().code()).isEqualTo("deadline_exceeded");
      assertThat(first.failure().message()).contains("run the same export again");

      ExportRequest patient = threeDays().build();
      ExportStatus second = f.engine.exports().submit(patient, null);
      assertThat(second.id()).isEqualTo(first.id());
      ExportStatus done = f.awaitEnd(second.id());

      assertThat(done.state()).isEqualTo(ExportStatus.State.DONE);
      List<String> ids =
          ExportFixture.ids(ExportFixture.records(patient.output().file()), "conversationId");
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(f.groundTruth(patient));
    }
  }

  @Test
  void resumesInANewEngineFromTheSavedCursorsWithoutDuplicates() throws Exception {
    try (ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator())) {
      ExportRequest request = threeDays().pageSize(5).build();
      String id = f.engine.exports().submit(request, null).id();
      // Run until a chunk is part-way through its pages, then drop the engine.
      Deadline deadline = Deadline.in(Duration.ofSeconds(60), "a chunk part-way through its pages");
      while (f.db.chunks().findByExport(id).stream()
          .noneMatch(c -> c.checkpoint().cursor() != null)) {
        deadline.check();
        if (!f.engine.runOneDueStep()) {
          Thread.sleep(10);
        }
      }
      f.engine.close();
      long partlyRead =
          f.db.chunks().findByExport(id).stream()
              .filter(c -> c.checkpoint().cursor() != null)
              .count();
      assertThat(partlyRead).isPositive();

      f.engine = f.newEngine();
      assertThat(f.engine.exports().submit(request, null).id()).isEqualTo(id);
      ExportStatus done = f.run(request);

      assertThat(done.state()).isEqualTo(ExportStatus.State.DONE);
      List<String> ids =
          ExportFixture.ids(ExportFixture.records(request.output().file()), "conversationId");
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(f.groundTruth(request));
    }
  }

  @Test
  void aChunkHeldBackByTheConcurrencyLimitSubmitsAsSoonAsTheRunningJobIsDone() {
    TestClock clock = TestClock.at(Instant.now());
    try (ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator())) {
      f.engine.close();
      f.engine = new Engine(f.db, f.client.analyticsJobs(), "emulator-test", f.settings, clock);
      ExportRequest request =
          threeDays()
              .interval("2024-05-01/2024-05-02")
              .chunkSize(Duration.ofHours(12))
              .concurrency(1)
              .pageSize(10)
              .build();
      String id = f.engine.exports().submit(request, null).id();
      f.engine.runDueSteps(); // chunk 0 submits its job; chunk 1 waits for the only slot
      ChunkRow first = f.db.chunks().find(id, 0).orElseThrow();
      assertThat(f.db.chunks().find(id, 1).orElseThrow().job().id()).isNull();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  f.client
                      .analyticsJobs()
                      .status(request.kind().jobKind(), first.job().id())
                      .state()
                      .isTerminal());

      // Past chunk 0's first poll, before chunk 1's own recheck of the slot.
      clock.advance(ChunkRunner.CONCURRENCY_RECHECK.dividedBy(2));
      assertThat(f.engine.runOneDueStep()).isTrue(); // the poll finds the job fulfilled

      assertThat(f.db.chunks().find(id, 0).orElseThrow().state()).isEqualTo(ChunkState.FETCHING);
      assertThat(f.db.chunks().find(id, 1).orElseThrow().schedule().nextRunAt())
          .isBeforeOrEqualTo(clock.instant());
      for (int step = 0; step < 2; step++) {
        clock.advance(Duration.ofMillis(1));
        f.engine.runOneDueStep(); // one results page of chunk 0, and chunk 1's submit
      }
      assertThat(f.db.chunks().find(id, 1).orElseThrow().job().id()).isNotNull();
      // Chunk 0's pages are still being read: reading does not hold the slot.
      assertThat(f.db.chunks().find(id, 0).orElseThrow().state()).isEqualTo(ChunkState.FETCHING);
    }
  }

  @Test
  void cancelEndsTheExportAndCancelsItsGenesysJobs() {
    try (ExportFixture f =
        new ExportFixture(
            dir, ExportFixture.quickEmulator().jobBaseDelay(Duration.ofSeconds(30)))) {
      ExportStatus submitted = f.engine.exports().submit(threeDays().build(), null);
      f.engine.start();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  f.db.chunks().findByExport(submitted.id()).stream()
                      .anyMatch(c -> c.job().id() != null));

      ExportStatus cancelled = f.engine.exports().cancel(submitted.id()).orElseThrow();

      assertThat(cancelled.state()).isEqualTo(ExportStatus.State.CANCELLED);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> f.emulator.requestCounts().count(Endpoint.CANCEL, 204) > 0);
      assertThat(f.db.chunks().findByExport(submitted.id()))
          .extracting(ChunkRow::state)
          .allMatch(s -> s.isTerminal());
    }
  }

  @Test
  void theSameRequestIsTheSameExport() {
    try (ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator())) {
      ExportStatus a = f.engine.exports().submit(threeDays().concurrency(2).build(), null);
      ExportStatus b = f.engine.exports().submit(threeDays().concurrency(8).build(), null);
      ExportStatus other =
          f.engine.exports().submit(threeDays().filters(List.of("mediaType=voice")).build(), null);

      assertThat(b.id()).isEqualTo(a.id());
      assertThat(other.id()).isNotEqualTo(a.id());
      // The later run's settings apply from then on.
      String stored = f.db.exports().findById(a.id()).orElseThrow().requestJson();
      assertThat(StoredRequest.read(stored).concurrency()).isEqualTo(8);
    }
  }

  @Test
  void aRetriedSubmitOfARunningExportThatChangesNothingLeavesItAsItWas() {
    TestClock clock = TestClock.at(Instant.parse("2024-06-01T00:00:00Z"));
    try (ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator())) {
      f.engine.close();
      f.engine = new Engine(f.db, f.client.analyticsJobs(), "emulator-test", f.settings, clock);
      ExportStatus first = f.engine.exports().submit(threeDays().build(), null);
      clock.advance(Duration.ofSeconds(5));

      ExportStatus again = f.engine.exports().submit(threeDays().build(), null);
      clock.advance(Duration.ofSeconds(5));
      ExportStatus faster = f.engine.exports().submit(threeDays().concurrency(3).build(), null);

      assertThat(again.id()).isEqualTo(first.id());
      assertThat(again.updatedAt()).isEqualTo(first.updatedAt());
      // A retry with other settings is stored: they apply from then on.
      assertThat(faster.updatedAt()).isEqualTo(clock.instant());
    }
  }

  private static ExportRequest day(ExportRequest request, String interval) {
    return ExportRequest.builder()
        .kind(request.kind().cliName())
        .interval(interval)
        .output(request.output())
        .build();
  }

  private static boolean spansASixHourBoundary(JsonNode conversation) {
    if (!conversation.hasNonNull("conversationEnd")) {
      return false;
    }
    long sixHours = Duration.ofHours(6).toMillis();
    long start = Instant.parse(conversation.get("conversationStart").asText()).toEpochMilli();
    long end = Instant.parse(conversation.get("conversationEnd").asText()).toEpochMilli();
    return start / sixHours != end / sixHours;
  }
}
