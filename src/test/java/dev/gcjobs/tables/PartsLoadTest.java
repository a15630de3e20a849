package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.sink.Manifest;
import dev.gcjobs.sink.OutputTarget;
import dev.gcjobs.sink.PartCheckpoint;
import dev.gcjobs.sink.PartFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export's chunks loaded as they finish, then the rest from its output: the tables end as a load
 * of the whole output gives them, whatever was loaded before.
 */
@Tag("unit")
class PartsLoadTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T = Instant.parse("2024-06-01T00:00:00Z");

  @TempDir Path dir;

  final Clock clock = Clock.fixed(EmulatorNdjson.NOW, ZoneOffset.UTC);
  final List<PartFile> parts = new ArrayList<>();
  final Set<String> allIds = new HashSet<>();
  Path output;

  /** Three gzip parts of an emulator export (the last one empty), and the output joining them. */
  @BeforeEach
  void writeAnExport() throws IOException {
    List<String> lines =
        Files.readAllLines(EmulatorNdjson.conversations(dir.resolve("all.ndjson"), 3, 40));
    for (String line : lines) {
      allIds.add(JSON.readTree(line).get("conversationId").asText());
    }
    int half = lines.size() / 2;
    List<List<String>> chunks =
        List.of(lines.subList(0, half), lines.subList(half, lines.size()), List.of());
    output = dir.resolve("x.ndjson.gz");
    List<Manifest.Chunk> manifest = new ArrayList<>();
    try (OutputStream joined = Files.newOutputStream(output)) {
      for (int seq = 0; seq < chunks.size(); seq++) {
        byte[] gz = gzip(chunks.get(seq));
        Path part = Files.write(dir.resolve("part-" + seq + ".ndjson.gz"), gz);
        parts.add(
            new PartFile(
                seq,
                T,
                T.plusSeconds(1),
                part,
                new PartCheckpoint(gz.length, chunks.get(seq).size())));
        manifest.add(new Manifest.Chunk(seq, T + "/" + T, chunks.get(seq).size(), gz.length));
        joined.write(gz);
      }
    }
    writeManifest(manifest);
  }

  @Test
  void chunksLoadedAsTheyFinishLeaveOnlyTheRestToLoadAtTheEnd() throws Exception {
    try (PartsLoad load = load()) {
      assertThat(load.loadReady(List.of(parts.get(1)))).as("chunk 0 is not done yet").isZero();
      assertThat(load.loadReady(List.of(parts.get(1), parts.get(0)))).isEqualTo(2);
      assertThat(load.loadReady(List.of(parts.get(1), parts.get(0)))).isZero();

      assertThat(load.rest(output)).isEqualTo(Files.size(output) - bytesOf(0) - bytesOf(1));
      LoadResult result = load.finish(output, n -> {});

      assertThat(result.counts().inserted()).isEqualTo(allIds.size());
      assertThat(result.counts().changed() + result.counts().unchanged()).isZero();
    }
    assertThat(ids()).isEqualTo(allIds);
  }

  @Test
  void aPartGoneBeforeItWasReadIsLoadedFromTheOutput() throws Exception {
    Files.delete(parts.get(0).path());

    try (PartsLoad load = load()) {
      assertThat(load.loadReady(parts)).isZero();
      assertThat(load.rest(output)).isEqualTo(Files.size(output));
      assertThat(load.finish(output, n -> {}).counts().inserted()).isEqualTo(allIds.size());
    }
    assertThat(ids()).isEqualTo(allIds);
  }

  @Test
  void whenTheOutputIsNotMadeOfThePartsLoadedItIsLoadedWhole() throws Exception {
    try (PartsLoad load = load()) {
      load.loadReady(parts);
      // Chunk 1 ran again after its part was loaded: the output holds other bytes for it.
      List<Manifest.Chunk> other = new ArrayList<>();
      for (PartFile p : parts) {
        long bytes = p.checkpoint().bytes() + (p.seq() == 1 ? 1 : 0);
        other.add(new Manifest.Chunk(p.seq(), T + "/" + T, p.checkpoint().records(), bytes));
      }
      writeManifest(other);

      assertThat(load.rest(output)).isEqualTo(Files.size(output));
      LoadCounts counts = load.finish(output, n -> {}).counts();

      assertThat(counts.inserted()).isEqualTo(allIds.size());
      assertThat(counts.unchanged()).as("each record loaded again").isEqualTo(allIds.size());
    }
    assertThat(ids()).isEqualTo(allIds);
  }

  @Test
  void anExportWhosePartsWereAllLoadedHasNothingLeft() throws Exception {
    try (PartsLoad load = load()) {
      assertThat(load.loadReady(parts)).isEqualTo(3);

      assertThat(load.rest(output)).isZero();
      assertThat(load.finish(output, n -> {}).counts().inserted()).isEqualTo(allIds.size());
    }
  }

  PartsLoad load() {
    return new PartsLoad(
        new DuckDbDestination(dir.resolve("t.duckdb"), "main", clock), RecordKind.CONVERSATIONS);
  }

  long bytesOf(int seq) {
    return parts.get(seq).checkpoint().bytes();
  }

  void writeManifest(List<Manifest.Chunk> chunks) throws IOException {
    long records = chunks.stream().mapToLong(Manifest.Chunk::records).sum();
    Manifest manifest =
        new Manifest(
            "e1",
            "conversations",
            T + "/" + T,
            true,
            T,
            output.toString(),
            "ndjson",
            "gzip",
            records,
            Files.size(output),
            "",
            T,
            chunks);
    Files.write(OutputTarget.parse(output.toString()).manifestFile(), manifest.toJson());
  }

  static byte[] gzip(List<String> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (lines.isEmpty()) {
      return bytes.toByteArray(); // an empty part: no gzip member at all
    }
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      for (String line : lines) {
        gz.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toByteArray();
  }

  Set<String> ids() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("t.duckdb"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT conversation_id FROM conversations")) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    }
    return ids;
  }
}
