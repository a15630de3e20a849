package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.emulator.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job that says FULFILLED while its results are refused ends the export, never a loop. */
@Tag("emulator")
class RefusedResultsTest {
  @TempDir Path dir;

  private ExportRequest oneDay() {
    return ExportRequest.builder()
        .interval("2024-05-01/2024-05-02")
        .chunkSize(Duration.ofDays(1))
        .output(dir.resolve("out.ndjson").toString())
        .build();
  }

  @Test
  void resultsRefusedWhileTheJobSaysFulfilledFailTheExportAfterAFewTries() {
    try (ExportFixture f =
        new ExportFixture(dir, ExportFixture.quickEmulator().fault("results:404=1"))) {
      ExportStatus status = f.run(oneDay());

      assertThat(status.state()).isEqualTo(ExportStatus.State.FAILED);
      assertThat(status.failure().code()).isEqualTo("results_refused");
      assertThat(status.failure().message()).contains("FULFILLED");
      assertThat(f.emulator.requestCounts().count(Endpoint.RESULTS, 404))
          .isEqualTo(ChunkRunner.MAX_RESULTS_REFUSALS);
    }
  }

  @Test
  void aBadRequestForResultsIsFinalAndKeepsGenesysMessage() {
    try (ExportFixture f =
        new ExportFixture(dir, ExportFixture.quickEmulator().fault("results:400=1"))) {
      ExportStatus status = f.run(oneDay());

      assertThat(status.state()).isEqualTo(ExportStatus.State.FAILED);
      assertThat(status.failure().code()).isEqualTo("genesys_error");
      assertThat(status.failure().genesysMessage()).isNotBlank();
      assertThat(f.emulator.requestCounts().count(Endpoint.RESULTS, 400)).isEqualTo(1);
    }
  }
}
