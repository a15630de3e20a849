package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.emulator.ConversationVersion;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.emulator.LakeChanges;
import dev.gcjobs.engine.ExportInterval;
import dev.gcjobs.testing.Deadline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gcjobs sync} in a child process, killed with {@code kill -9} while its export runs and
 * while it loads, then run again: its tables equal Genesys' ground truth, and the resumed cycle
 * reports the counts of an uninterrupted one.
 */
@Tag("emulator")
@Tag("process")
class SyncCrashSafetyTest {
  private static final Duration RUN_LIMIT = Duration.ofSeconds(120);
  private static final Instant NOW = Instant.parse("2024-06-10T00:00:00Z");
  private static final String SINCE = "2024-06-03";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Emulator genesys;

  @BeforeEach
  void startGenesys() {
    genesys =
        Emulator.start(
            EmulatorConfig.builder()
                .port(0)
                .now(NOW)
                .dataLag(Duration.ofHours(6))
                .conversationsPerDay(600)
                .lakeChanges(LakeChanges.NONE)
                .jobBaseDelay(Duration.ofMillis(100))
                .jobPerRecordDelay(Duration.ZERO)
                .requestsPerMinute(60_000)
                .build());
  }

  @AfterEach
  void stopGenesys() {
    genesys.close();
  }

  @Test
  void aSyncKilledWhileExportingAndWhileLoadingThenRunAgainEqualsGenesys() throws Exception {
    Path copy = dir.resolve("copy.duckdb");
    Path state = dir.resolve("state");
    Path summary = dir.resolve("summary.json");
    List<String> args = new ArrayList<>(List.of("sync", "--to", copy.toString(), "--since", SINCE));
    args.addAll(List.of("--once", "-q", "--summary-json", summary.toString()));
    args.addAll(List.of("--state-dir", state.toString()));
    args.addAll(FastExports.loginTo(genesys));

    // The first cycle: killed once its export has written a part, once its load has begun.
    assertThat(killAt(args, "export-1", () -> hasFiles(state.resolve("parts")))).isTrue();
    assertThat(killAt(args, "load-1", () -> cycleFile(state, 1), Duration.ofMillis(150)))
        .as("killed while loading")
        .isTrue();
    JsonNode first = runToTheEnd(args, "cycle-1");
    assertThat(first.path("cycle").asInt()).isEqualTo(1);
    Instant watermark = Instant.parse(first.path("watermarkAfter").asText());
    Map<String, String> truth = truth(watermark);
    assertThat(copy(copy)).isEqualTo(truth);
    assertThat(first.path("new").asLong())
        .as("the resumed cycle counts what the killed runs loaded as new too")
        .isEqualTo(truth.size());

    // Twelve hours later, a plain cycle, killed while loading.
    genesys.advanceClock(Duration.ofHours(12));
    assertThat(killAt(args, "load-2", () -> cycleFile(state, 2), Duration.ofMillis(50)))
        .as("killed while loading")
        .isTrue();
    JsonNode second = runToTheEnd(args, "cycle-2");
    assertThat(second.path("cycle").asInt()).isEqualTo(2);
    assertThat(second.path("reconcile").asBoolean()).isFalse();
    Instant later = Instant.parse(second.path("watermarkAfter").asText());
    assertThat(copy(copy)).isEqualTo(truth(later));
    assertThat(second.path("new").asLong()).isPositive();
  }

  private boolean killAt(List<String> args, String name, Reached reached) throws Exception {
    return killAt(args, name, reached, Duration.ZERO);
  }

  /**
   * Starts a run and kills it {@code delay} after {@code reached} holds; whether it still ran then.
   */
  private boolean killAt(List<String> args, String name, Reached reached, Duration delay)
      throws Exception {
    GcjobsProcess run = GcjobsProcess.start(dir, name, args);
    Deadline deadline = Deadline.in(RUN_LIMIT, name + "'s kill point");
    while (run.isAlive() && !reached.now()) {
      deadline.check();
      Thread.sleep(5); // watching files, not timing anything
    }
    Thread.sleep(delay.toMillis());
    boolean running = run.isAlive();
    run.kill();
    return running;
  }

  private JsonNode runToTheEnd(List<String> args, String name) throws Exception {
    GcjobsProcess run = GcjobsProcess.start(dir, name, args);
    assertThat(run.awaitExit(RUN_LIMIT)).as(run.toString()).isZero();
    return JSON.readTree(Files.readString(dir.resolve("summary.json")));
  }

  @FunctionalInterface
  private interface Reached {
    boolean now();
  }

  /** Whether the export of cycle {@code seq} is complete: its load is next. */
  private static boolean cycleFile(Path state, int seq) {
    Path syncs = state.resolve("syncs");
    if (!Files.isDirectory(syncs)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(syncs)) {
      return files.anyMatch(f -> f.getFileName().toString().equals("cycle-" + seq + ".ndjson.gz"));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  private static boolean hasFiles(Path parts) {
    if (!Files.isDirectory(parts)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(parts)) {
      return files.anyMatch(Files::isRegularFile);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /** Conversation id to the hash of its record as served, for what Genesys holds. */
  private Map<String, String> truth(Instant watermark) {
    ObjectNode query = JSON.createObjectNode();
    query.put(
        "interval",
        new ExportInterval(Instant.parse(SINCE + "T00:00:00Z"), watermark).toWireString());
    return genesys.groundTruthVersions(query, watermark).stream()
        .filter(v -> !v.deleted())
        .collect(Collectors.toMap(ConversationVersion::conversationId, ConversationVersion::hash));
  }

  /** Conversation id to the hash of its record as served, for the live rows of the copy. */
  private static Map<String, String> copy(Path db) throws Exception {
    Map<String, String> rows = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT conversation_id, raw FROM conversations WHERE deleted_at IS NULL")) {
      while (rs.next()) {
        String served = JSON.writeValueAsString(JSON.readTree(rs.getString(2)));
        rows.put(
            rs.getString(1),
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(served.getBytes(StandardCharsets.UTF_8))));
      }
    }
    return rows;
  }
}
