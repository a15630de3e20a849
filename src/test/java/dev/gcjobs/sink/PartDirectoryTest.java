package dev.gcjobs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class PartDirectoryTest {
  @TempDir Path stateDir;

  @Test
  void namesPartsByExportAndChunkInJoinOrder() {
    PartDirectory parts = PartDirectory.of(stateDir, "exp-7");

    assertThat(parts.part(3, true))
        .isEqualTo(stateDir.resolve("parts/exp-7/chunk-00003.ndjson.gz"));
    assertThat(parts.part(12, false)).isEqualTo(stateDir.resolve("parts/exp-7/chunk-00012.ndjson"));
  }

  @Test
  void deleteRemovesEveryPartAndTheDirectoryAndToleratesAMissingOne() {
    PartDirectory parts = PartDirectory.of(stateDir, "exp-7");
    for (int seq = 0; seq < 3; seq++) {
      try (PartWriter writer =
          PartWriter.open(parts.part(seq, false), PartCheckpoint.EMPTY, false)) {
        writer.writePage(List.of("{}".getBytes()));
        writer.checkpoint();
      }
    }

    parts.delete();
    parts.delete();

    assertThat(parts.dir()).doesNotExist();
    assertThat(stateDir.resolve("parts")).isDirectory();
  }
}
