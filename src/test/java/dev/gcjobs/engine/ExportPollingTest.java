package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.emulator.Endpoint;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkState;
import dev.gcjobs.testing.Deadline;
import dev.gcjobs.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often the engine checks its jobs, against an emulator whose jobs take a fixed time on a clock
 * the test moves: once a job of an export is seen done, the others are checked when they should be
 * done too.
 */
@Tag("emulator")
class ExportPollingTest {
  @TempDir Path dir;

  private final TestClock clock = TestClock.at(Instant.parse("2024-06-10T00:00:00Z"));

  private ExportFixture fixture(Duration jobTakes) {
    ExportFixture f =
        new ExportFixture(dir, ExportFixture.quickEmulator().clock(clock).jobBaseDelay(jobTakes));
    f.engine.close();
    f.engine =
        new Engine(
            f.db,
            f.client.analyticsJobs(),
            "emulator-test",
            f.settings.withPollSchedule(PollSchedule.DEFAULT),
            clock);
    return f;
  }

  private ExportRequest.Builder threeDaysInQuarters() {
    return ExportRequest.builder()
        .interval("2024-05-01/2024-05-04")
        .chunkSize(Duration.ofHours(6))
        .concurrency(4)
        .pageSize(100)
        .output(dir.resolve("out.ndjson.gz").toString());
  }

  @Test
  void laterJobsAreCheckedOnceAtTheTimeTheFirstJobsTook() throws Exception {
    try (ExportFixture f = fixture(Duration.ofSeconds(10))) {
      ExportRequest request = threeDaysInQuarters().build();
      String id = f.engine.exports().submit(request, null).id();

      for (int moves = 0; !f.engine.exports().find(id).orElseThrow().state().isFinal(); moves++) {
        assertThat(moves).as("clock moves").isLessThan(1000);
        if (f.engine.runDueSteps() == 0) {
          clock.advance(Duration.between(clock.instant(), f.db.chunks().nextDueAt(id).get()));
        }
      }

      assertThat(f.engine.exports().find(id).orElseThrow().state())
          .isEqualTo(ExportStatus.State.DONE);
      List<String> ids =
          ExportFixture.ids(ExportFixture.records(request.output().file()), "conversationId");
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(f.groundTruth(request));
      // The schedule alone checks a 10 s job three times (at 3 s, 7.5 s and 14.25 s, ±10 %): the
      // first four jobs still are; the eight after them are checked once, when they are done.
      List<ChunkRow> chunks = f.db.chunks().findByExport(id);
      assertThat(chunks).hasSize(12);
      assertThat(chunks.subList(0, 4)).extracting(c -> c.job().pollAttempts()).containsOnly(3);
      assertThat(chunks.subList(4, 12)).extracting(c -> c.job().pollAttempts()).containsOnly(1);
      assertThat(f.emulator.requestCounts().count(Endpoint.STATUS, 200))
          .isEqualTo(4 * 3 + 8 * 1)
          .isLessThan(12 * 3);
    }
  }

  @Test
  void theFirstJobSeenDoneMakesItsSiblingsDueAtOnce() {
    try (ExportFixture f = fixture(Duration.ofSeconds(5))) {
      String id =
          f.engine
              .exports()
              .submit(threeDaysInQuarters().interval("2024-05-01/2024-05-02").build(), null)
              .id();
      f.engine.runDueSteps(); // the four chunks submit their jobs at the same instant
      assertThat(f.db.chunks().findByExport(id)).allMatch(c -> c.job().id() != null);

      // Check by check, in the order they are due: a 5 s job is running at the first check
      // (3 s ±10 %) and done at the second (7.5 s ±10 %).
      Deadline deadline = Deadline.in(Duration.ofSeconds(30), "a chunk to see its job done");
      while (f.db.chunks().findByExport(id).stream()
          .noneMatch(c -> c.state() == ChunkState.FETCHING)) {
        deadline.check();
        Instant due =
            f.db.chunks().findByExport(id).stream()
                .map(c -> c.schedule().nextRunAt())
                .min(Comparator.naturalOrder())
                .orElseThrow();
        clock.advance(Duration.between(clock.instant(), due));
        assertThat(f.engine.runOneDueStep()).isTrue();
      }

      List<ChunkRow> others =
          f.db.chunks().findByExport(id).stream()
              .filter(c -> c.state() != ChunkState.FETCHING)
              .toList();
      assertThat(others).hasSize(3);
      // Their second checks were spread over 1.5 s by the jitter; now they are all due.
      assertThat(others).allMatch(c -> !c.schedule().nextRunAt().isAfter(clock.instant()));
      f.engine.runDueSteps();
      assertThat(f.db.chunks().findByExport(id))
          .allMatch(c -> c.state() == ChunkState.FETCHING || c.state() == ChunkState.DONE)
          .extracting(c -> c.job().pollAttempts())
          .containsOnly(2);
    }
  }
}
