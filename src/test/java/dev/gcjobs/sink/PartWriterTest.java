package dev.gcjobs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class PartWriterTest {
  @TempDir Path dir;

  @Test
  void writesEachRecordAsOneLineExactlyAsGiven() throws Exception {
    Path part = dir.resolve("parts/x/chunk-00000.ndjson");
    byte[] raw = "{\"a\": 1,  \"b\":\"\\u00e9 é\"}".getBytes(StandardCharsets.UTF_8);

    try (PartWriter writer = PartWriter.open(part, PartCheckpoint.EMPTY, false)) {
      writer.writePage(List.of(raw, "{}".getBytes(StandardCharsets.UTF_8)));
      assertThat(writer.checkpoint()).isEqualTo(new PartCheckpoint(raw.length + 1 + 3, 2));
    }

    byte[] expected = new byte[raw.length + 4];
    System.arraycopy(raw, 0, expected, 0, raw.length);
    System.arraycopy("\n{}\n".getBytes(StandardCharsets.UTF_8), 0, expected, raw.length, 4);
    assertThat(Files.readAllBytes(part)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {false, true})
  void reopeningAtTheLastCheckpointDropsLaterWritesAndEndsWithTheSameBytesAsAnUninterruptedRun(
      boolean gzip) throws Exception {
    List<List<byte[]>> pages =
        List.of(Ndjson.page(0, 50), Ndjson.page(50, 1), Ndjson.page(51, 200), Ndjson.page(251, 7));
    Path uninterrupted = dir.resolve("uninterrupted");
    try (PartWriter writer = PartWriter.open(uninterrupted, PartCheckpoint.EMPTY, gzip)) {
      pages.forEach(writer::writePage);
      writer.checkpoint();
    }

    Path resumed = dir.resolve("resumed");
    PartCheckpoint saved;
    try (PartWriter writer = PartWriter.open(resumed, PartCheckpoint.EMPTY, gzip)) {
      writer.writePage(pages.get(0));
      writer.writePage(pages.get(1));
      saved = writer.checkpoint();
      // Written but never checkpointed: a kill here leaves these bytes on disk.
      writer.writePage(pages.get(2));
      writer.writePage(Ndjson.page(9000, 3));
    }
    assertThat(Files.size(resumed)).isGreaterThan(saved.bytes());

    try (PartWriter writer = PartWriter.open(resumed, saved, gzip)) {
      writer.writePage(pages.get(2));
      writer.writePage(pages.get(3));
      assertThat(writer.checkpoint()).isEqualTo(new PartCheckpoint(Files.size(uninterrupted), 258));
    }

    assertThat(Files.readAllBytes(resumed)).isEqualTo(Files.readAllBytes(uninterrupted));
    assertThat(Ndjson.read(resumed, gzip)).isEqualTo(Ndjson.lines(pages));
  }

  @Test
  void gzipPagesFormOneValidStreamForTheJdkAndTheGzipTool() throws Exception {
    Path part = dir.resolve("chunk-00003.ndjson.gz");
    List<List<byte[]>> pages = List.of(Ndjson.page(0, 10), Ndjson.page(10, 10), Ndjson.page(20, 1));
    try (PartWriter writer = PartWriter.open(part, PartCheckpoint.EMPTY, true)) {
      pages.forEach(writer::writePage);
      writer.checkpoint();
    }

    assertThat(Ndjson.read(part, true)).isEqualTo(Ndjson.lines(pages));
    Ndjson.run("gzip", "-t", part.toString());
    assertThat(Ndjson.linesOf(Ndjson.run("zcat", part.toString()))).isEqualTo(Ndjson.lines(pages));
  }

  @Test
  void anEmptyPageWritesNothing() throws Exception {
    Path part = dir.resolve("empty.ndjson.gz");
    try (PartWriter writer = PartWriter.open(part, PartCheckpoint.EMPTY, true)) {
      writer.writePage(List.of());
      assertThat(writer.checkpoint()).isEqualTo(PartCheckpoint.EMPTY);
    }
    assertThat(Files.size(part)).isZero();
  }

  @Test
  void refusesARecordThatIsNotOneLineAndWritesNothingOfItsPage() throws Exception {
    Path part = dir.resolve("p.ndjson");
    try (PartWriter writer = PartWriter.open(part, PartCheckpoint.EMPTY, false)) {
      List<byte[]> page =
          List.of("{}".getBytes(StandardCharsets.UTF_8), "{\n}".getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> writer.writePage(page))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("line break");
      assertThatThrownBy(() -> writer.writePage(List.of(new byte[0])))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
      assertThat(writer.checkpoint()).isEqualTo(PartCheckpoint.EMPTY);
    }
  }

  @Test
  void refusesAPartFileShorterThanItsCheckpoint() throws Exception {
    Path part = dir.resolve("short.ndjson");
    Files.write(part, new byte[10]);

    assertThatThrownBy(() -> PartWriter.open(part, new PartCheckpoint(20, 2), false))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("has 10 bytes, fewer than the 20 of its last checkpoint");
  }

  @Test
  void aPartFileThatVanishedIsRecreatedOnlyForAnEmptyCheckpoint() {
    Path part = dir.resolve("gone.ndjson");
    assertThatThrownBy(() -> PartWriter.open(part, new PartCheckpoint(5, 1), false))
        .isInstanceOf(SinkException.class);
    try (PartWriter writer = PartWriter.open(part, PartCheckpoint.EMPTY, false)) {
      assertThat(writer.checkpoint()).isEqualTo(PartCheckpoint.EMPTY);
    }
  }
}
