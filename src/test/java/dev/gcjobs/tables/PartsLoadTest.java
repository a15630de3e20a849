package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.sink.SavedPart;
import java.io.IOException;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export's records loaded page by page as its chunks save them, then the rest from its output:
 * the tables end as a load of the whole output gives them, whatever was loaded before.
 */
@Tag("unit")
class PartsLoadTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T = Instant.parse("2024-06-01T00:00:00Z");

  @TempDir Path dir;

  final Clock clock = Clock.fixed(EmulatorNdjson.NOW, ZoneOffset.UTC);
  final Set<String> allIds = new HashSet<>();
  ChunkedExport export;
  Path output;

  /**
   * Three chunks of an emulator export of conversations: two of two pages each, the last with no
   * records; their gzip parts and the output joining them, with its manifest.
   */
  @BeforeEach
  void writeAnExport() throws IOException {
    List<String> lines =
        Files.readAllLines(EmulatorNdjson.conversations(dir.resolve("all.ndjson"), 3, 40));
    for (String line : lines) {
      allIds.add(JSON.readTree(line).get("conversationId").asText());
    }
    int q = lines.size() / 4;
    export =
        new ChunkedExport(
            dir,
            List.of(
                List.of(lines.subList(0, q), lines.subList(q, 2 * q)),
                List.of(lines.subList(2 * q, 3 * q), lines.subList(3 * q, lines.size())),
                List.of()));
    output = export.output();
  }

  @Test
  void pagesLoadedAsTheyAreSavedLeaveOnlyTheRestToLoadAtTheEnd() throws Exception {
    try (TableDestination destination = destination()) {
      PartsLoad load = new PartsLoad(destination, RecordKind.CONVERSATIONS);

      // Chunk 1 saved a page before chunk 0 saved any: conversations load in any order.
      assertThat(load.loadReady(List.of(saved(1, 1, false)), n -> {})).isEqualTo(1);
      assertThat(load.loadReady(List.of(saved(0, 2, true), saved(1, 1, false)), n -> {}))
          .isEqualTo(1);
      assertThat(load.loadReady(List.of(saved(0, 2, true), saved(1, 1, false)), n -> {})).isZero();

      long loadedBytes = bytes(0, 2) + bytes(1, 1);
      assertThat(load.rest(output)).isEqualTo(Files.size(output) - loadedBytes);
      LoadResult result = load.finish(output, n -> {});

      assertThat(result.counts().inserted()).isEqualTo(allIds.size());
      assertThat(result.counts().changed() + result.counts().unchanged()).isZero();
    }
    assertThat(ids()).isEqualTo(allIds);
  }

  @Test
  void aPartGoneBeforeItWasReadIsLoadedFromTheOutput() throws Exception {
    Files.delete(export.part(0));

    try (TableDestination destination = destination()) {
      PartsLoad load = new PartsLoad(destination, RecordKind.CONVERSATIONS);
      assertThat(load.loadReady(List.of(saved(0, 2, true)), n -> {})).isZero();

      assertThat(load.rest(output)).isEqualTo(Files.size(output));
      assertThat(load.finish(output, n -> {}).counts().inserted()).isEqualTo(allIds.size());
    }
    assertThat(ids()).isEqualTo(allIds);
  }

  @Test
  void aChunkThatRanAgainFromItsStartIsLoadedWholeFromTheOutput() throws Exception {
    try (TableDestination destination = destination()) {
      PartsLoad load = new PartsLoad(destination, RecordKind.CONVERSATIONS);
      load.loadReady(List.of(saved(0, 1, false), saved(1, 2, true)), n -> {});
      // Chunk 0 ran again from its start: its part now holds its pages in the other order.
      List<List<byte[]>> ranAgain =
          new ArrayList<>(List.of(export.pages(0), export.pages(1), export.pages(2)));
      ranAgain.set(0, List.of(export.pages(0).get(1), export.pages(0).get(0)));
      export.writeOutput(ranAgain);

      assertThat(load.rest(output)).isEqualTo(bytes(0, 2));
      LoadCounts counts = load.finish(output, n -> {}).counts();

      assertThat(counts.inserted()).isEqualTo(allIds.size());
      assertThat(counts.unchanged()).as("chunk 0's first page, loaded again").isPositive();
    }
    assertThat(ids()).isEqualTo(allIds);
  }

  @Test
  void aChunkThatRanAgainIsNotReadWhereItsFirstRunStopped() throws Exception {
    try (TableDestination destination = destination()) {
      PartsLoad load = new PartsLoad(destination, RecordKind.CONVERSATIONS);
      load.loadReady(List.of(saved(0, 1, false)), n -> {});
      // Its job failed and was submitted again: the new run wrote the part anew, other pages first.
      List<List<byte[]>> ranAgain =
          new ArrayList<>(List.of(export.pages(0), export.pages(1), export.pages(2)));
      ranAgain.set(0, List.of(export.pages(0).get(1), export.pages(0).get(0)));
      export.rewritePart(0, ranAgain.get(0));
      export.writeOutput(ranAgain);

      assertThat(load.loadReady(List.of(saved(0, 2, "job-0-again", true)), n -> {}))
          .as("nothing read from the middle of the new part")
          .isZero();
      load.finish(output, n -> {});
    }
    assertThat(ids()).isEqualTo(allIds);
  }

  @Test
  void aStretchLongerThanItsFileIsAnErrorNotFewerRecords() throws Exception {
    Path part = export.part(0);
    long size = Files.size(part);

    try (TableDestination destination = destination()) {
      destination.open(TableMapping.of(RecordKind.CONVERSATIONS));
      NdjsonLoad longer = NdjsonLoad.stretch(part, 0, size + 1, RecordKind.CONVERSATIONS, n -> {});

      assertThatThrownBy(() -> longer.addTo(destination))
          .isInstanceOf(TablesException.class)
          .hasMessageContaining("ends before byte " + (size + 1));
    }
  }

  @Test
  void anExportWhosePagesWereAllLoadedHasNothingLeft() throws Exception {
    try (TableDestination destination = destination()) {
      PartsLoad load = new PartsLoad(destination, RecordKind.CONVERSATIONS);
      assertThat(
              load.loadReady(
                  List.of(saved(0, 2, true), saved(1, 2, true), saved(2, 0, true)), n -> {}))
          .isEqualTo(2);

      assertThat(load.rest(output)).isZero();
      assertThat(load.finish(output, n -> {}).counts().inserted()).isEqualTo(allIds.size());
    }
  }

  @Test
  void usersLoadInChunkOrderSoTheLaterChunksRowsWin() throws Exception {
    List<String> early = Files.readAllLines(EmulatorNdjson.users(dir.resolve("u2.ndjson"), 2));
    List<String> late = relabelled(EmulatorNdjson.users(dir.resolve("u1.ndjson"), 1));
    export = new ChunkedExport(dir, List.of(List.of(early), List.of(late)));
    output = export.output();

    try (TableDestination destination = destination()) {
      PartsLoad load = new PartsLoad(destination, RecordKind.USERS);
      assertThat(load.loadReady(List.of(saved(1, 1, true)), n -> {}))
          .as("chunk 0 saved nothing yet")
          .isZero();
      assertThat(load.loadReady(List.of(saved(0, 1, false), saved(1, 1, true)), n -> {}))
          .as("chunk 0 is not done: chunk 1 waits")
          .isEqualTo(1);
      assertThat(load.loadReady(List.of(saved(0, 1, true), saved(1, 1, true)), n -> {}))
          .isEqualTo(1);
      load.finish(output, n -> {});
    }
    Set<String> lateHashes = new HashSet<>();
    late.forEach(line -> lateHashes.add(ContentHash.of(line)));
    assertThat(column("SELECT content_hash FROM users")).isEqualTo(lateHashes);
  }

  @Test
  void usersOfAChunkWhoseCommitFailedAreLoadedAgainBeforeTheNextChunks() throws Exception {
    List<String> early = Files.readAllLines(EmulatorNdjson.users(dir.resolve("u2.ndjson"), 2));
    List<String> late = relabelled(EmulatorNdjson.users(dir.resolve("u1.ndjson"), 1));
    export = new ChunkedExport(dir, List.of(List.of(early), List.of(late)));
    output = export.output();

    try (FirstCommitFails destination = new FirstCommitFails(destination())) {
      PartsLoad load = new PartsLoad(destination, RecordKind.USERS);
      assertThat(load.follow("e", () -> List.of(saved(0, 1, true)), n -> {})).isTrue();
      assertThat(destination.failed).as("the first commit failed").isTrue();
      load.follow("e", () -> List.of(saved(0, 1, true), saved(1, 1, true)), n -> {});
      load.finish(output, n -> {});
    }
    Set<String> lateHashes = new HashSet<>();
    late.forEach(line -> lateHashes.add(ContentHash.of(line)));
    assertThat(column("SELECT content_hash FROM users")).isEqualTo(lateHashes);
  }

  /**
   * The users of {@code file}, each presence period's state set to {@code LATE}: the same periods
   * as an earlier chunk's (the emulator's timelines agree), told apart by their values.
   */
  private static List<String> relabelled(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode user = JSON.readTree(line);
      user.path("primaryPresence").forEach(p -> ((ObjectNode) p).put("systemPresence", "LATE"));
      lines.add(user.toString());
    }
    return lines;
  }

  private static long presence(List<String> lines) throws IOException {
    long periods = 0;
    for (String line : lines) {
      periods += JSON.readTree(line).path("primaryPresence").size();
    }
    return periods;
  }

  /** A DuckDB destination whose first commit fails, as a dropped connection's would. */
  static final class FirstCommitFails implements TableDestination.Json {
    final DuckDbDestination duckDb;
    boolean failed;

    FirstCommitFails(TableDestination duckDb) {
      this.duckDb = (DuckDbDestination) duckDb;
    }

    @Override
    public LoadCounts commit() {
      if (!failed) {
        failed = true;
        throw new TablesException(TablesException.Subject.NONE, "the connection dropped");
      }
      return duckDb.commit();
    }

    @Override
    public void add(JsonRecord record) {
      duckDb.add(record);
    }

    @Override
    public String where() {
      return duckDb.where();
    }

    @Override
    public void open(TableMapping mapping) {
      duckDb.open(mapping);
    }

    @Override
    public boolean batchFull() {
      return duckDb.batchFull();
    }

    @Override
    public long markGone(Instant start, Instant end, boolean purge) {
      return duckDb.markGone(start, end, purge);
    }

    @Override
    public LoadCounts countsAt() {
      return duckDb.countsAt();
    }

    @Override
    public void close() {
      duckDb.close();
    }
  }

  TableDestination destination() {
    return new DuckDbDestination(dir.resolve("t.duckdb"), "main", clock);
  }

  SavedPart saved(int seq, int pageCount, boolean done) {
    return export.saved(seq, pageCount, done);
  }

  SavedPart saved(int seq, int pageCount, String run, boolean done) {
    return export.saved(seq, pageCount, run, done);
  }

  long bytes(int seq, int pageCount) {
    return export.bytes(seq, pageCount);
  }

  Set<String> ids() throws Exception {
    return column("SELECT conversation_id FROM conversations");
  }

  Set<String> column(String sql) throws Exception {
    Set<String> values = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("t.duckdb"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }
}
