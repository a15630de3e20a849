package dev.gcjobs.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("process")
class OutputAssemblerTest {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant CREATED = Instant.parse("2024-02-02T10:00:00Z");

  @TempDir Path dir;

  List<PartFile> writeParts(boolean gzip, List<List<List<byte[]>>> pagesPerChunk) {
    return writeParts(dir, gzip, pagesPerChunk);
  }

  /** Writes one part per entry of {@code pagesPerChunk}, returned in reverse seq order. */
  static List<PartFile> writeParts(Path dir, boolean gzip, List<List<List<byte[]>>> pagesPerChunk) {
    PartDirectory parts = PartDirectory.of(dir.resolve("state"), "exp-1");
    List<PartFile> result = new ArrayList<>();
    for (int seq = 0; seq < pagesPerChunk.size(); seq++) {
      Path path = parts.part(seq, gzip);
      PartCheckpoint checkpoint;
      try (PartWriter writer = PartWriter.open(path, PartCheckpoint.EMPTY, gzip)) {
        pagesPerChunk.get(seq).forEach(writer::writePage);
        checkpoint = writer.checkpoint();
      }
      Instant from = START.plus(Duration.ofDays(seq));
      result.add(0, new PartFile(seq, from, from.plus(Duration.ofDays(1)), path, checkpoint));
    }
    return result;
  }

  static List<List<List<byte[]>>> threeChunks() {
    return List.of(
        List.of(Ndjson.page(0, 5), Ndjson.page(5, 5)), List.of(), List.of(Ndjson.page(10, 3)));
  }

  /** Three days of conversations, complete up to their end. */
  static final ExportLabel LABEL =
      new ExportLabel(
          "exp-1",
          "conversations",
          START,
          START.plus(Duration.ofDays(3)),
          START.plus(Duration.ofDays(3)));

  static Manifest assemble(OutputTarget target, List<PartFile> parts) {
    return OutputAssembler.assemble(target, LABEL, parts, CREATED);
  }

  static List<String> expectedLines(List<List<List<byte[]>>> chunks) {
    return Ndjson.lines(chunks.stream().flatMap(List::stream).toList());
  }

  @Test
  void joinsGzipPartsInChunkOrderIntoOneValidGzipStream() throws Exception {
    Path output = dir.resolve("voice.ndjson.gz");

    assemble(OutputTarget.parse(output.toString()), writeParts(true, threeChunks()));

    assertThat(Ndjson.read(output, true)).isEqualTo(expectedLines(threeChunks()));
    Ndjson.run("gzip", "-t", output.toString());
    assertThat(Ndjson.linesOf(Ndjson.run("zcat", output.toString())))
        .isEqualTo(expectedLines(threeChunks()));
  }

  @Test
  void theOutputGetsThePermissionsOfAnyNewFileOfTheUser() throws Exception {
    Path output = dir.resolve("voice.ndjson");
    Path ordinary = Files.createFile(dir.resolve("ordinary.txt"));

    assemble(OutputTarget.parse(output.toString()), writeParts(false, threeChunks()));

    assertThat(Files.getPosixFilePermissions(output))
        .isEqualTo(Files.getPosixFilePermissions(ordinary));
  }

  @Test
  void writesAManifestWithCountsBytesAndTheSha256OfTheOutput() throws Exception {
    Path output = dir.resolve("voice.ndjson.gz");
    List<PartFile> parts = writeParts(true, threeChunks());

    Manifest returned = assemble(OutputTarget.parse(output.toString()), parts);

    Manifest manifest = Manifest.read(dir.resolve("voice.ndjson.gz.manifest.json"));
    assertThat(manifest).isEqualTo(returned);
    String sha256 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(output)));
    assertThat(manifest.sha256()).isEqualTo(sha256);
    assertThat(new String(Ndjson.run("sha256sum", output.toString()), StandardCharsets.UTF_8))
        .startsWith(sha256 + " ");
    assertThat(manifest.records()).isEqualTo(13);
    assertThat(manifest.complete()).isTrue();
    assertThat(manifest.completeUntil()).isEqualTo(START.plus(Duration.ofDays(3)));
    assertThat(manifest.bytes()).isEqualTo(Files.size(output));
    assertThat(manifest.compression()).isEqualTo("gzip");
    assertThat(manifest.interval()).isEqualTo("2024-01-01T00:00:00Z/2024-01-04T00:00:00Z");
    assertThat(manifest.createdAt()).isEqualTo(CREATED);
    assertThat(manifest.chunks())
        .extracting(Manifest.Chunk::seq, Manifest.Chunk::records)
        .containsExactly(tuple(0, 10L), tuple(1, 0L), tuple(2, 3L));
    assertThat(manifest.chunks().stream().mapToLong(Manifest.Chunk::bytes).sum())
        .isEqualTo(Files.size(output));
    assertThat(Files.readString(dir.resolve("voice.ndjson.gz.manifest.json")))
        .contains("\"exportId\" : \"exp-1\"")
        .contains("\"createdAt\" : \"2024-02-02T10:00:00Z\"");
  }

  @Test
  void usesOnlyTheCheckpointedBytesOfEachPart() throws Exception {
    List<PartFile> parts = writeParts(false, threeChunks());
    // Bytes after a checkpoint, as a killed writer leaves them.
    Files.write(
        parts.get(0).path(),
        "{\"late\":true}\n".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    Path output = dir.resolve("out.ndjson");

    Manifest manifest = assemble(OutputTarget.parse(output.toString()), parts);

    assertThat(Ndjson.read(output, false)).isEqualTo(expectedLines(threeChunks()));
    assertThat(manifest.compression()).isEqualTo("none");
  }

  @Test
  void streamsPlainNdjsonToStdoutDecompressingGzipParts() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    Manifest manifest = assemble(OutputTarget.stream(stdout), writeParts(true, threeChunks()));

    assertThat(Ndjson.linesOf(stdout.toByteArray())).isEqualTo(expectedLines(threeChunks()));
    assertThat(manifest.output()).isEqualTo("-");
    assertThat(manifest.bytes()).isEqualTo(stdout.size());
    assertThat(manifest.sha256())
        .isEqualTo(
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(stdout.toByteArray())));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).noneMatch(p -> p.toString().endsWith(".manifest.json"));
    }
  }

  @Test
  void anExportWithoutRecordsIsStillAValidGzipFile() throws Exception {
    Path output = dir.resolve("none.ndjson.gz");

    Manifest manifest =
        assemble(OutputTarget.parse(output.toString()), writeParts(true, List.of(List.of())));

    Ndjson.run("gzip", "-t", output.toString());
    assertThat(Ndjson.read(output, true)).isEmpty();
    assertThat(manifest.records()).isZero();
    assertThat(manifest.bytes()).isEqualTo(Files.size(output)).isPositive();
  }

  @Test
  void replacesAnExistingOutputAndLeavesNoTemporaryFiles() throws Exception {
    Path output = dir.resolve("out.ndjson");
    Files.writeString(output, "old content\n");

    assemble(OutputTarget.parse(output.toString()), writeParts(false, threeChunks()));

    assertThat(Ndjson.read(output, false)).isEqualTo(expectedLines(threeChunks()));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("out.ndjson", "out.ndjson.manifest.json", "state");
    }
  }

  @Test
  void refusesAPartShorterThanItsCheckpointAndLeavesTheOutputAlone() throws Exception {
    List<PartFile> parts = writeParts(false, threeChunks());
    Files.write(parts.get(2).path(), new byte[3]); // seq 0, cut short
    Path output = dir.resolve("out.ndjson");

    assertThatThrownBy(() -> assemble(OutputTarget.parse(output.toString()), parts))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("chunk-00000.ndjson has 3 bytes, fewer than the");
    assertThat(output).doesNotExist();
  }

  @Test
  void refusesPlainPartsForAGzipOutput() {
    List<PartFile> parts = writeParts(false, threeChunks());
    Path output = dir.resolve("out.ndjson.gz");

    assertThatThrownBy(() -> assemble(OutputTarget.parse(output.toString()), parts))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("is not gzip but the output is");
  }
}
