package dev.gcjobs.sink;

import static dev.gcjobs.sink.OutputAssemblerTest.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("process")
class IncrementalOutputTest {
  @TempDir Path dir;

  /** The parts of {@code chunks}, by seq. */
  List<PartFile> parts(boolean gzip, List<List<List<byte[]>>> chunks) {
    return OutputAssemblerTest.writeParts(dir, gzip, chunks).stream()
        .sorted(Comparator.comparingInt(PartFile::seq))
        .toList();
  }

  static List<List<List<byte[]>>> fourChunks() {
    return List.of(
        List.of(Ndjson.page(0, 5), Ndjson.page(5, 5)),
        List.of(),
        List.of(Ndjson.page(10, 3)),
        List.of(Ndjson.page(13, 4)));
  }

  /** With the manifest fields {@link OutputAssemblerTest#assemble} gives. */
  static Optional<Manifest> finish(IncrementalOutput output, List<PartFile> parts) {
    return output.finish(OutputAssemblerTest.LABEL, parts, CREATED);
  }

  /** The parts' checkpointed bytes, one after another. */
  static byte[] joined(List<PartFile> parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (PartFile part : parts) {
      try (InputStream in = part.openCheckpointed()) {
        in.transferTo(bytes);
      }
    }
    return bytes.toByteArray();
  }

  @Test
  void appendsDonePartsOnlyUpToTheFirstChunkNotYetDone() throws Exception {
    List<PartFile> parts = parts(true, fourChunks());
    IncrementalOutput output =
        IncrementalOutput.of(OutputTarget.parse(dir.resolve("out.ndjson.gz").toString()), "exp-1");

    // Chunks 0 and 2 are done; chunk 1 still runs.
    assertThat(output.appendReady(List.of(parts.get(2), parts.get(0)))).isEqualTo(1);
    assertThat(output.tempFile()).hasBinaryContent(joined(parts.subList(0, 1)));
    assertThat(output.appendReady(List.of(parts.get(0), parts.get(2)))).isZero();

    // Chunk 1 fills the gap: 1 and 2 follow, 3 is not done.
    assertThat(output.appendReady(parts.subList(0, 3))).isEqualTo(2);

    assertThat(output.tempFile()).hasBinaryContent(joined(parts.subList(0, 3)));
    assertThat(output.tempFile().getFileName().toString())
        .isEqualTo(".out.ndjson.gz.exp-1." + ProcessHandle.current().pid() + ".part.tmp");
    assertThat(output.tempFile().getParent()).isEqualTo(dir);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void writesTheSameOutputAndManifestAsAJoinAtTheEnd(boolean gzip) throws Exception {
    assertSameAsAJoinAtTheEnd(gzip, fourChunks());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void writesTheSameOutputAndManifestAsAJoinAtTheEndForAnExportWithoutRecords(boolean gzip)
      throws Exception {
    assertSameAsAJoinAtTheEnd(gzip, List.of(List.of(), List.of()));
  }

  private void assertSameAsAJoinAtTheEnd(boolean gzip, List<List<List<byte[]>>> chunks)
      throws Exception {
    List<PartFile> parts = parts(gzip, chunks);
    Path file = dir.resolve(gzip ? "out.ndjson.gz" : "out.ndjson");
    OutputTarget target = OutputTarget.parse(file.toString());
    OutputAssemblerTest.assemble(target, parts);
    byte[] joinedAtTheEnd = Files.readAllBytes(file);
    byte[] manifestAtTheEnd = Files.readAllBytes(target.manifestFile());
    Files.delete(file);
    Files.delete(target.manifestFile());

    IncrementalOutput output = IncrementalOutput.of(target, "exp-1");
    output.appendReady(parts.subList(0, 1));
    Optional<Manifest> manifest = finish(output, parts);

    assertThat(manifest).isPresent();
    assertThat(file).hasBinaryContent(joinedAtTheEnd);
    assertThat(target.manifestFile()).hasBinaryContent(manifestAtTheEnd);
    if (gzip) {
      Ndjson.run("gzip", "-t", file.toString());
    }
    assertThat(Ndjson.read(file, gzip))
        .isEqualTo(OutputAssemblerTest.expectedLines(chunks))
        .hasSize((int) manifest.get().records());
    assertThat(filesIn(dir))
        .containsExactlyInAnyOrder(
            file.getFileName().toString(), target.manifestFile().getFileName().toString(), "state");
  }

  @Test
  void replacesTheFileAKilledRunLeft() throws Exception {
    List<PartFile> parts = parts(false, fourChunks());
    OutputTarget target = OutputTarget.parse(dir.resolve("out.ndjson").toString());
    IncrementalOutput killed = IncrementalOutput.of(target, "exp-1");
    killed.appendReady(parts.subList(0, 3));
    Files.writeString(killed.tempFile(), "{\"torn\":", StandardOpenOption.APPEND);

    IncrementalOutput rerun = IncrementalOutput.of(target, "exp-1");
    rerun.appendReady(parts.subList(0, 1));

    assertThat(rerun.tempFile())
        .isEqualTo(killed.tempFile())
        .hasBinaryContent(joined(parts.subList(0, 1)));
    assertThat(finish(rerun, parts)).isPresent();
    assertThat(target.file()).hasBinaryContent(joined(parts));
    // The killed run's instance no longer owns the path: it deletes nothing.
    killed.discard();
    assertThat(target.file()).exists();
  }

  @Test
  void discardDeletesTheFileAndEndsTheOutput() throws Exception {
    List<PartFile> parts = parts(true, fourChunks());
    IncrementalOutput output =
        IncrementalOutput.of(OutputTarget.parse(dir.resolve("out.ndjson.gz").toString()), "exp-1");
    output.appendReady(parts.subList(0, 2));

    output.discard();

    assertThat(output.tempFile()).doesNotExist();
    assertThat(output.appendReady(parts)).isZero();
    assertThat(output.tempFile()).doesNotExist();
    assertThat(finish(output, parts)).isEmpty();
    assertThat(dir.resolve("out.ndjson.gz")).doesNotExist();
  }

  @Test
  void givesUpWhenAnAppendedChunkRanAgainSince() throws Exception {
    List<PartFile> parts = parts(false, fourChunks());
    OutputTarget target = OutputTarget.parse(dir.resolve("out.ndjson").toString());
    IncrementalOutput output = IncrementalOutput.of(target, "exp-1");
    output.appendReady(parts.subList(0, 2));
    PartFile first = parts.get(0);
    PartFile rewritten =
        new PartFile(
            first.seq(),
            first.intervalStart(),
            first.intervalEnd(),
            first.path(),
            new PartCheckpoint(first.checkpoint().bytes() / 2, 3));

    assertThat(finish(output, List.of(rewritten, parts.get(1), parts.get(2), parts.get(3))))
        .isEmpty();

    assertThat(output.tempFile()).doesNotExist();
    assertThat(target.file()).doesNotExist();
  }

  @Test
  void deleteLeftoverRemovesAKilledRunsFile() throws Exception {
    List<PartFile> parts = parts(false, fourChunks());
    OutputTarget target = OutputTarget.parse(dir.resolve("out.ndjson").toString());
    IncrementalOutput killed = IncrementalOutput.of(target, "exp-1");
    killed.appendReady(parts);
    Path otherProcess = Files.writeString(dir.resolve(".out.ndjson.exp-1.99999.part.tmp"), "x");
    Path otherExport = Files.writeString(dir.resolve(".out.ndjson.exp-2.99999.part.tmp"), "x");

    IncrementalOutput.deleteLeftover(target, "exp-1");

    assertThat(killed.tempFile()).doesNotExist();
    assertThat(otherProcess).doesNotExist();
    assertThat(otherExport).exists();
  }

  static List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
