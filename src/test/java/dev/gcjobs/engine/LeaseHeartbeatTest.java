package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.emulator.Endpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step longer than the lease keeps its chunk: the worker's heartbeat renews the lease. */
@Tag("emulator")
class LeaseHeartbeatTest {
  @TempDir Path dir;

  @Test
  void aStepLongerThanTheLeaseKeepsItsChunkAndNoPageIsReadTwice() throws Exception {
    try (ExportFixture f =
        new ExportFixture(
            dir,
            ExportFixture.quickEmulator()
                .slowDelay(Duration.ofMillis(2500))
                .fault("results:slow=1"))) {
      f.engine.close();
      EngineSettings shortLease =
          new EngineSettings(f.stateDir, 4, Duration.ofSeconds(1), ExportFixture.FAST_POLLS, 5);
      f.engine =
          new Engine(
              f.db, f.client.analyticsJobs(), "emulator-test", shortLease, Clock.systemUTC());
      ExportRequest request =
          ExportRequest.builder()
              .interval("2024-05-01/2024-05-02")
              .chunkSize(Duration.ofHours(12))
              .pageSize(100)
              .output(dir.resolve("out.ndjson").toString())
              .build();

      ExportStatus status = f.run(request);

      assertThat(status.state()).isEqualTo(ExportStatus.State.DONE);
      assertThat(f.emulator.requestCounts().count(Endpoint.RESULTS, 200))
          .as("results pages read, each once")
          .isEqualTo(status.progress().pages());
      assertThat(
              ExportFixture.ids(ExportFixture.records(request.output().file()), "conversationId"))
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(f.groundTruth(request));
    }
  }
}
