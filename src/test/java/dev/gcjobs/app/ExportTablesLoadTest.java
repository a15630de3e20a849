package dev.gcjobs.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.app.TableLoads.LoadReport;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.ExportListing;
import dev.gcjobs.engine.ExportRequest;
import dev.gcjobs.engine.ExportService;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.sink.SavedPart;
import dev.gcjobs.tables.ChunkedExport;
import dev.gcjobs.tables.EmulatorNdjson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --to}'s load: what the chunks save while the export runs is in the tables before it
 * ends, and the end loads only the rest, each record counted once.
 */
@Tag("unit")
@Timeout(60)
class ExportTablesLoadTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  ChunkedExport export;
  Path db;
  final Set<String> allIds = new HashSet<>();
  final Set<String> firstPages = new HashSet<>();

  /** Two chunks of two pages each. */
  @BeforeEach
  void writeAnExport() throws Exception {
    List<String> lines =
        Files.readAllLines(EmulatorNdjson.conversations(dir.resolve("all.ndjson"), 2, 40));
    int q = lines.size() / 4;
    for (int i = 0; i < lines.size(); i++) {
      String id = JSON.readTree(lines.get(i)).get("conversationId").asText();
      allIds.add(id);
      if (i < 3 * q) {
        firstPages.add(id);
      }
    }
    export =
        new ChunkedExport(
            dir,
            List.of(
                List.of(lines.subList(0, q), lines.subList(q, 2 * q)),
                List.of(lines.subList(2 * q, 3 * q), lines.subList(3 * q, lines.size()))));
    db = dir.resolve("gc.duckdb");
  }

  @Test
  void pagesSavedWhileTheExportRunsAreLoadedAndTheEndLoadsOnlyTheRest() throws Exception {
    // Chunk 0 is done, chunk 1 saved its first page.
    Running exports = new Running(List.of(export.saved(0, 2, true), export.saved(1, 1, false)));

    try (ExportTablesLoad load =
        ExportTablesLoad.start(exports, "e1", db.toString(), null, "conversations", Map.of())) {
      assertThat(exports.askedTwice.await(30, TimeUnit.SECONDS)).isTrue();

      assertThat(load.rest(export.output())).isEqualTo(export.bytes(1, 2) - export.bytes(1, 1));
      LoadReport report = load.finish(export.output(), n -> {});

      assertThat(report.inserted()).isEqualTo(allIds.size());
      assertThat(report.changed() + report.unchanged()).isZero();
    }
    assertThat(ids()).isEqualTo(allIds);
  }

  @Test
  void anExportThatDoesNotEndLeavesWhatWasLoaded() throws Exception {
    Running exports = new Running(List.of(export.saved(0, 2, true), export.saved(1, 1, false)));

    try (ExportTablesLoad load =
        ExportTablesLoad.start(exports, "e1", db.toString(), null, "conversations", Map.of())) {
      assertThat(exports.askedTwice.await(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(ids()).isEqualTo(firstPages);
  }

  Set<String> ids() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT conversation_id FROM conversations")) {
      while (r.next()) {
        ids.add(r.getString(1));
      }
    }
    return ids;
  }

  /** An export that runs: its chunks have saved {@code saved}, and nothing else is asked. */
  static final class Running implements ExportService {
    final List<SavedPart> saved;

    /** Counted down by each look at the saved parts: the second comes after a load of them. */
    final CountDownLatch askedTwice = new CountDownLatch(2);

    Running(List<SavedPart> saved) {
      this.saved = saved;
    }

    @Override
    public List<SavedPart> savedParts(String exportId) {
      askedTwice.countDown();
      return saved;
    }

    @Override
    public ExportStatus submit(ExportRequest request, String idempotencyKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Instant> dataAvailability(ExportKind kind) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ExportStatus> cancel(String exportId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ExportStatus> find(String exportId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ExportListing list(ExportStatus.State state, int limit, String cursor) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Path> output(String exportId) {
      throw new UnsupportedOperationException();
    }
  }
}
