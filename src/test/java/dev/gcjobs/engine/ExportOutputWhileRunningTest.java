package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gcjobs.sink.IncrementalOutput;
import dev.gcjobs.sink.Manifest;
import dev.gcjobs.sink.PartDirectory;
import dev.gcjobs.store.ChunkRow;
import dev.gcjobs.store.ChunkState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("emulator")
class ExportOutputWhileRunningTest {
  @TempDir Path dir;

  /** 12 chunks, 2 jobs at a time: the first chunks are done long before the last. */
  private ExportRequest request(String output) {
    return ExportRequest.builder()
        .interval("2024-05-01/2024-05-04")
        .chunkSize(Duration.ofHours(6))
        .concurrency(2)
        .pageSize(20)
        .output(dir.resolve(output).toString())
        .build();
  }

  @Test
  void theOutputFileHoldsTheFirstChunksWhileLaterChunksStillRun() throws Exception {
    try (ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator())) {
      ExportRequest request = request("out.ndjson.gz");
      String id = f.engine.exports().submit(request, null).id();
      Path temp = tempFileOf(request, id);

      stepUntil(f, () -> donePrefix(f, id) >= 2 && !allDone(f, id));

      int prefix = donePrefix(f, id);
      byte[] building = Files.readAllBytes(temp);
      assertThat(building).isNotEmpty().isEqualTo(partBytes(f, id, prefix));
      assertThat(request.output().file()).doesNotExist();

      stepUntil(f, () -> f.engine.exports().find(id).orElseThrow().state().isFinal());

      assertThat(f.engine.exports().find(id).orElseThrow().state())
          .isEqualTo(ExportStatus.State.DONE);
      Path output = request.output().file();
      assertThat(Arrays.copyOf(Files.readAllBytes(output), building.length)).isEqualTo(building);
      assertThat(temp).doesNotExist();
      assertThatOutputHoldsTheGroundTruth(f, request);
    }
  }

  @Test
  void aNewEngineRebuildsTheOutputFromThePartsAndWritesTheSameBytes() throws Exception {
    try (ExportFixture f = new ExportFixture(dir, ExportFixture.quickEmulator())) {
      ExportRequest request = request("resumed.ndjson.gz");
      String id = f.engine.exports().submit(request, null).id();
      stepUntil(f, () -> donePrefix(f, id) >= 2 && !allDone(f, id));
      Path temp = tempFileOf(request, id);
      assertThat(temp).isNotEmptyFile();
      // As if the process were killed: its in-memory state is gone, its file stays.
      Engine lost = f.engine;
      f.engine = f.newEngine();

      ExportStatus done = f.run(request);

      assertThat(done.id()).isEqualTo(id);
      assertThat(done.state()).isEqualTo(ExportStatus.State.DONE);
      assertThat(temp).doesNotExist();
      assertThatOutputHoldsTheGroundTruth(f, request);
      ExportRequest uninterrupted = request("uninterrupted.ndjson.gz");
      assertThat(f.run(uninterrupted).state()).isEqualTo(ExportStatus.State.DONE);
      lost.close(); // its stale output in progress is not the file at that path any more
      assertThat(request.output().file()).hasSameBinaryContentAs(uninterrupted.output().file());
    }
  }

  private static void stepUntil(ExportFixture f, BooleanSupplier condition) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              f.engine.runOneDueStep();
              return condition.getAsBoolean();
            });
  }

  private static Path tempFileOf(ExportRequest request, String id) {
    return IncrementalOutput.of(request.output(), id).tempFile();
  }

  /** How many chunks, from the first, are done without a gap. */
  private static int donePrefix(ExportFixture f, String id) {
    int prefix = 0;
    for (ChunkRow c : f.db.chunks().findByExport(id)) {
      if (c.seq() != prefix || c.state() != ChunkState.DONE) {
        break;
      }
      prefix++;
    }
    return prefix;
  }

  private static boolean allDone(ExportFixture f, String id) {
    return f.db.chunks().findByExport(id).stream().allMatch(c -> c.state() == ChunkState.DONE);
  }

  /** The checkpointed bytes of the first {@code count} chunks' part files, joined. */
  private static byte[] partBytes(ExportFixture f, String id, int count) throws IOException {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int seq = 0; seq < count; seq++) {
      ChunkRow chunk = f.db.chunks().find(id, seq).orElseThrow();
      Path part = PartDirectory.of(f.stateDir, id).part(seq, true);
      try (InputStream in = Files.newInputStream(part)) {
        joined.write(in.readNBytes((int) chunk.checkpoint().partBytes()));
      }
    }
    return joined.toByteArray();
  }

  private static void assertThatOutputHoldsTheGroundTruth(ExportFixture f, ExportRequest request)
      throws Exception {
    Path output = request.output().file();
    List<String> ids = ExportFixture.ids(ExportFixture.records(output), "conversationId");
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(ids).containsExactlyInAnyOrderElementsOf(f.groundTruth(request));
    Manifest manifest = Manifest.read(Path.of(request.output() + ".manifest.json"));
    assertThat(manifest.bytes()).isEqualTo(Files.size(output));
    assertThat(manifest.sha256())
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(output))));
  }
}
