package dev.gcjobs.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.Endpoint;
import dev.gcjobs.genesys.AnalyticsJobsApi;
import dev.gcjobs.genesys.JobKind;
import dev.gcjobs.genesys.JobState;
import dev.gcjobs.genesys.JobStatus;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The loop the tutorials show, on the same client (same budget, retries and parsing) as gcjobs: ONE
 * job for the whole interval; its status checked after 2 s, then 1 s longer each time up to 15 s
 * (scaled); then the pages read one after another ({@code pageSize} 1000) into one NDJSON file.
 */
final class TutorialExportRun {
  static final Duration FIRST_WAIT = Duration.ofSeconds(2);
  static final Duration WAIT_STEP = Duration.ofSeconds(1);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(15);
  static final int PAGE_SIZE = 1000;

  private TutorialExportRun() {}

  static MakespanRun run(Emulator emulator, MakespanScale scale, String interval, Path workDir)
      throws IOException, InterruptedException {
    ExportInterval whole = IntervalParser.parse(interval, ZoneOffset.UTC);
    Path output = Files.createTempFile(workDir, "tutorial-", ".ndjson");
    AnalyticsJobsApi api = scale.client(emulator).analyticsJobs();
    Map<Endpoint, Map<Integer, Long>> before = emulator.requestCounts().snapshot();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
      long start = System.nanoTime();
      ObjectNode query = JsonNodeFactory.instance.objectNode();
      query.put("interval", whole.toWireString());
      String jobId = api.submit(JobKind.CONVERSATION_DETAILS, query);
      Duration wait = FIRST_WAIT;
      while (true) {
        scale.sleep(wait);
        JobStatus status = api.status(JobKind.CONVERSATION_DETAILS, jobId);
        if (status.state() == JobState.FULFILLED) {
          break;
        }
        if (status.state().isTerminal()) {
          throw new IllegalStateException("the tutorial's job ended " + status.rawState());
        }
        wait =
            wait.plus(WAIT_STEP).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.plus(WAIT_STEP);
      }
      String cursor = null;
      do {
        cursor =
            api.resultsPage(
                    JobKind.CONVERSATION_DETAILS,
                    jobId,
                    cursor,
                    PAGE_SIZE,
                    record -> {
                      try {
                        out.write(record);
                        out.write('\n');
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    })
                .cursor();
      } while (cursor != null);
      out.flush();
      Duration makespan = Duration.ofNanos(System.nanoTime() - start);
      return MakespanRun.between(
          before, emulator.requestCounts(), makespan, NdjsonLines.count(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
