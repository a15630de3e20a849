package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.emulator.Endpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, 3e: through a proxy that refuses every token 5 s after its first use, with 30 % of API
 * calls answered 429, ten exports in a row all succeed with the same output, within the rate limit.
 * Each export outlives several tokens, so a refused token whose call waited in the rate budget must
 * be replaced, not taken for bad credentials.
 */
@Tag("emulator")
@Tag("process")
class RevokedTokensExportTest {
  private static final int RUNS = 10;
  private static final int RATE_PER_MINUTE = 300;
  private static final Duration RUN_LIMIT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // ten runs of about ten seconds each
  void tenExportsInARowThroughARevokingProxyAndA429StormAllSucceedAlike() throws Exception {
    EmulatorConfig config =
        EmulatorConfig.builder()
            .dataNow(Instant.parse(FastExports.DATA_NOW))
            .conversationsPerDay(300)
            .jobBaseDelay(Duration.ofSeconds(1))
            .jobPerRecordDelay(Duration.ZERO)
            .requestsPerMinute(RATE_PER_MINUTE)
            .tokenRevokedAfterUse(Duration.ofSeconds(5))
            .fault("api:429=0.3")
            .injectedRetryAfter(Duration.ofSeconds(1))
            .build();
    try (Emulator genesys = Emulator.start(config)) {
      byte[] first = null;
      List<String> times = new ArrayList<>();
      for (int run = 1; run <= RUNS; run++) {
        Map<Endpoint, Map<Integer, Long>> before = genesys.requestCounts().snapshot();
        Path output = dir.resolve("run-" + run + ".ndjson");
        long started = System.nanoTime();
        GcjobsProcess p =
            GcjobsProcess.run(dir, "run-" + run, args(genesys, output, run), RUN_LIMIT);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        times.add(String.format("%.1f s", took.toMillis() / 1000.0));
        System.out.println("run " + run + ": " + times.get(run - 1));

        assertThat(p.exitCode()).as("run %d: %s", run, p).isZero();
        byte[] ndjson = FastExports.ndjson(output);
        if (first == null) {
          first = ndjson;
          assertThat(FastExports.conversationIds(ndjson))
              .containsExactlyInAnyOrderElementsOf(
                  FastExports.groundTruth(genesys, "2024-05-30/2024-06-01", List.of()));
        }
        assertThat(ndjson).as("run %d's output", run).isEqualTo(first);
        long apiCalls = apiCalls(genesys.requestCounts().snapshot(), before);
        assertThat(apiCalls)
            .as("run %d stays within %d requests a minute", run, RATE_PER_MINUTE)
            .isLessThanOrEqualTo(RATE_PER_MINUTE + RATE_PER_MINUTE * took.toSeconds() / 60);
      }
      assertThat(genesys.requestCounts().count(Endpoint.RESULTS, 401))
          .as("revoked tokens met mid-export")
          .isPositive();
      System.out.println("Run times: " + times);
    }
  }

  private static List<String> args(Emulator genesys, Path output, int run) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "export",
                "--interval",
                "2024-05-30/2024-06-01",
                "--chunk",
                "1d",
                "--page-size",
                "50",
                "--poll-first",
                "200ms",
                "--poll-max",
                "1s",
                "-q",
                "-o",
                output.toString(),
                "--state-dir",
                output.resolveSibling("state-" + run).toString(),
                "--domain",
                genesys.baseUrl(),
                "--client-id",
                genesys.clientId(),
                "--client-secret",
                genesys.clientSecret(),
                "--requests-per-minute",
                String.valueOf(RATE_PER_MINUTE * 9 / 10)));
    return args;
  }

  private static long apiCalls(
      Map<Endpoint, Map<Integer, Long>> now, Map<Endpoint, Map<Integer, Long>> before) {
    long calls = 0;
    for (Map.Entry<Endpoint, Map<Integer, Long>> e : now.entrySet()) {
      if (e.getKey() == Endpoint.TOKEN) {
        continue;
      }
      for (Map.Entry<Integer, Long> s : e.getValue().entrySet()) {
        calls +=
            s.getValue() - before.getOrDefault(e.getKey(), Map.of()).getOrDefault(s.getKey(), 0L);
      }
    }
    return calls;
  }
}
