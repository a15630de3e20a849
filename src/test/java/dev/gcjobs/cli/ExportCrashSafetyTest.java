package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.emulator.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} an export at several points, run the same command again until it finishes: the
 * output is byte for byte what an uninterrupted run writes, and holds each conversation once.
 *
 * <p>Each export is a child JVM. The kill points watch the part files under {@code
 * <state-dir>/parts/}: the first one appearing, a share of the final size written, or a seeded
 * random moment (which may fall anywhere, startup included).
 */
@Tag("emulator")
@Tag("process")
class ExportCrashSafetyTest {
  private static final String INTERVAL = "2024-01-01/2024-01-03";
  private static final int CHUNKS = 4; // 2 days in 12 h chunks
  private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
  private static final long KILL_SEED = 4;

  @TempDir static Path dir;

  /** Genesys that outlives every child: the reference run and the live-jobs variant use it. */
  private static Emulator genesys;

  private static byte[] reference;
  private static long referenceGzipBytes;
  private static long referencePages;

  @BeforeAll
  static void uninterruptedRun() throws Exception {
    genesys = Emulator.start(sameOrg().build());
    Path output = dir.resolve("reference.ndjson.gz");
    GcjobsProcess run =
        GcjobsProcess.run(
            dir,
            "reference",
            exportArgs(FastExports.loginTo(genesys), output, dir.resolve("reference-state")),
            RUN_LIMIT);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    reference = FastExports.ndjson(output);
    referenceGzipBytes = Files.size(output);
    referencePages = genesys.requestCounts().count(Endpoint.RESULTS, 200);
    assertThat(FastExports.conversationIds(reference))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(FastExports.groundTruth(genesys, INTERVAL, List.of()));
  }

  @AfterAll
  static void stopGenesys() {
    genesys.close();
  }

  /** The org of {@code --emulator --data-now ...} with the options below, started separately. */
  private static EmulatorConfig.Builder sameOrg() {
    return EmulatorConfig.builder()
        .port(0)
        .dataNow(Instant.parse(FastExports.DATA_NOW))
        .jobBaseDelay(Duration.ofMillis(300))
        .jobPerRecordDelay(Duration.ZERO)
        .requestsPerMinute(60_000);
  }

  /** {@code --emulator}: every run has an emulator of its own, so a killed run's jobs are gone. */
  private static List<String> ownEmulator() {
    return List.of(
        "--emulator",
        "--data-now",
        FastExports.DATA_NOW,
        "--job-delay",
        "300ms",
        "--job-delay-per-record",
        "0ms",
        "--rate-per-minute",
        "60000",
        "--requests-per-minute",
        "60000");
  }

  private static List<String> exportArgs(List<String> genesysFlags, Path output, Path stateDir) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--interval",
                INTERVAL,
                "--chunk",
                "12h",
                "--page-size",
                "200",
                "--poll-first",
                "100ms",
                "--poll-max",
                "300ms",
                "-o",
                output.toString(),
                "--state-dir",
                stateDir.toString()));
    args.addAll(genesysFlags);
    return args;
  }

  @Test
  void killedRunsWhoseJobsVanishedResubmitThemAndWriteTheSameOutput() throws Exception {
    Path output = dir.resolve("own-emulator.ndjson.gz");
    Path state = dir.resolve("own-emulator-state");
    Random random = new Random(KILL_SEED);
    List<KillPoint> kills =
        List.of(
            KillPoint.firstPartFile(),
            KillPoint.partBytes((long) (referenceGzipBytes * 0.3)),
            KillPoint.partBytes((long) (referenceGzipBytes * 0.6)),
            KillPoint.after(Duration.ofMillis(500 + random.nextInt(2000))));

    int killed = runUntilDone(exportArgs(ownEmulator(), output, state), state, kills);

    assertThat(killed).as("kills that happened before the export finished").isGreaterThan(1);
    assertSameAsUninterrupted(output);
  }

  @Test
  void killedRunsGoOnReadingLiveJobsFromTheSavedCursor() throws Exception {
    Path output = dir.resolve("live-jobs.ndjson.gz");
    Path state = dir.resolve("live-jobs-state");
    long submitsBefore = genesys.requestCounts().total(Endpoint.SUBMIT);
    long pagesBefore = genesys.requestCounts().count(Endpoint.RESULTS, 200);
    // Late enough that every chunk has its job id stored: then no kill can orphan a submit.
    List<KillPoint> kills =
        List.of(
            KillPoint.partBytes((long) (referenceGzipBytes * 0.3)),
            KillPoint.partBytes((long) (referenceGzipBytes * 0.7)));

    int killed =
        runUntilDone(exportArgs(FastExports.loginTo(genesys), output, state), state, kills);

    assertThat(killed).isEqualTo(2);
    assertSameAsUninterrupted(output);
    assertThat(genesys.requestCounts().total(Endpoint.SUBMIT) - submitsBefore)
        .as("jobs submitted: one per chunk, none again after a kill")
        .isEqualTo(CHUNKS);
    assertThat(genesys.requestCounts().count(Endpoint.RESULTS, 200) - pagesBefore)
        .as("pages read: at most one page per chunk again per kill")
        .isBetween(referencePages, referencePages + (long) killed * CHUNKS);
  }

  private void assertSameAsUninterrupted(Path output) throws IOException {
    byte[] written = FastExports.ndjson(output);
    assertThat(FastExports.conversationIds(written))
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(FastExports.groundTruth(genesys, INTERVAL, List.of()));
    assertThat(written).as("the output, decompressed").isEqualTo(reference);
    try (Stream<Path> files = Files.list(output.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("the hidden file the output was built in, left by a killed run")
          .noneMatch(name -> name.startsWith("." + output.getFileName()));
    }
  }

  /**
   * Runs the export, killing it at each kill point in turn, then runs it to its end.
   *
   * @return how many runs were killed (a run may finish before its kill point)
   */
  private static int runUntilDone(List<String> args, Path state, List<KillPoint> kills)
      throws Exception {
    Path parts = state.resolve("parts");
    int killed = 0;
    for (int i = 0; i <= kills.size(); i++) {
      GcjobsProcess run = GcjobsProcess.start(dir, state.getFileName() + "-run-" + i, args);
      Instant started = Instant.now();
      boolean wasKilled = false;
      if (i < kills.size()) {
        KillPoint kill = kills.get(i);
        while (run.isAlive()) {
          Duration running = Duration.between(started, Instant.now());
          if (kill.reached(parts, running)) {
            run.kill();
            wasKilled = true;
            break;
          }
          if (running.compareTo(RUN_LIMIT) > 0) {
            String threads = run.threadDump();
            run.kill();
            throw new AssertionError(
                "run " + i + " did not end within " + RUN_LIMIT + "\n" + run + "\n" + threads);
          }
          Thread.sleep(5); // polling the part files, not timing anything
        }
      }
      if (wasKilled) {
        killed++;
        continue;
      }
      assertThat(run.awaitExit(RUN_LIMIT)).as(run.toString()).isZero();
      if (killed > 0) {
        assertThat(run.stderr())
            .as("the last run goes on with the same export")
            .contains("resumed");
      }
      return killed;
    }
    throw new AssertionError("unreachable: the last run has no kill point");
  }

  /** When to kill a run. */
  private interface KillPoint {
    boolean reached(Path parts, Duration running);

    /** As soon as a part file exists: the first page is on its way or written. */
    static KillPoint firstPartFile() {
      return (parts, running) -> partFiles(parts) > 0;
    }

    /** Once the part files hold this many (compressed) bytes. */
    static KillPoint partBytes(long bytes) {
      return (parts, running) -> partSizes(parts) >= bytes;
    }

    /** After this long, wherever the run is. */
    static KillPoint after(Duration delay) {
      return (parts, running) -> running.compareTo(delay) >= 0;
    }
  }

  private static long partFiles(Path parts) {
    return partStream(parts, Stream::count);
  }

  private static long partSizes(Path parts) {
    return partStream(parts, files -> files.mapToLong(ExportCrashSafetyTest::sizeOrZero).sum());
  }

  private static long partStream(Path parts, ToLongFunction<Stream<Path>> measure) {
    if (!Files.isDirectory(parts)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(parts)) {
      return measure.applyAsLong(files.filter(Files::isRegularFile));
    } catch (IOException | UncheckedIOException e) {
      return 0; // a part directory removed while walking: the export is being finished
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
