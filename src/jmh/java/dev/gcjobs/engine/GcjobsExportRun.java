package dev.gcjobs.engine;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.Endpoint;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * One gcjobs export wired as {@code gcjobs export} wires it (a fresh client with its own budget, an
 * H2 file store), timed from submit until the export is DONE with its output assembled.
 */
final class GcjobsExportRun {
  /** How often the finish is looked for; the makespan is measured to within this. */
  private static final Duration WATCH = Duration.ofMillis(10);

  private GcjobsExportRun() {}

  static MakespanRun run(
      Emulator emulator, MakespanScale scale, MakespanConfig config, String interval, Path workDir)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(workDir, "gcjobs-");
    Path output = dir.resolve("out.ndjson");
    ExportRequest request =
        ExportRequest.builder()
            .interval(interval)
            .chunkSize(config.chunk())
            .concurrency(config.concurrency())
            .output(output.toString())
            .build();
    GenesysClient client = scale.client(emulator);
    EngineSettings settings =
        EngineSettings.defaults(dir.resolve("state"))
            .withWorkers(config.workers())
            .withPollSchedule(scale.down(config.polls()));
    Map<Endpoint, Map<Integer, Long>> before = emulator.requestCounts().snapshot();
    try (Database db = Database.open(Database.h2FileUrl(dir.resolve("state")));
        Engine engine =
            new Engine(db, client.analyticsJobs(), "bench", settings, Clock.systemUTC())) {
      long start = System.nanoTime();
      ExportStatus status = engine.exports().submit(request, null);
      engine.startFor(status.id());
      while (!status.state().isFinal()) {
        Thread.sleep(WATCH.toMillis());
        status = engine.exports().find(status.id()).orElseThrow();
      }
      Duration makespan = Duration.ofNanos(System.nanoTime() - start);
      if (status.state() != ExportStatus.State.DONE) {
        throw new IllegalStateException("the export ended " + status.state() + ": " + status);
      }
      return MakespanRun.between(
          before, emulator.requestCounts(), makespan, NdjsonLines.count(output));
    } finally {
      NdjsonLines.deleteTree(dir);
    }
  }
}
