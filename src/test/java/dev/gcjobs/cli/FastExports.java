package dev.gcjobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.engine.ExportRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Settings that make CLI exports against the emulator take about a second, and readers for what
 * they write.
 */
final class FastExports {
  static final String DATA_NOW = "2024-06-01T00:00:00Z";
  static final int CONVERSATIONS_PER_DAY = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  private FastExports() {}

  /** {@code --emulator} with a small org, quick jobs and no rate limit to speak of. */
  static List<String> emulator() {
    return emulator("100ms");
  }

  /** As {@link #emulator()}, with jobs that take {@code jobDelay}. */
  static List<String> emulator(String jobDelay) {
    List<String> flags = new ArrayList<>(List.of("--emulator"));
    flags.addAll(emulatorData());
    flags.addAll(
        List.of(
            "--job-delay",
            jobDelay,
            "--job-delay-per-record",
            "0ms",
            "--rate-per-minute",
            "60000",
            "--requests-per-minute",
            "60000"));
    return flags;
  }

  /** The data options, which also name the org: the same ones resume the same export. */
  static List<String> emulatorData() {
    return List.of(
        "--data-now", DATA_NOW, "--conversations-per-day", String.valueOf(CONVERSATIONS_PER_DAY));
  }

  /** Status checks soon and often. */
  static List<String> polls() {
    return List.of("--poll-first", "50ms", "--poll-max", "200ms");
  }

  /** The same org as {@link #emulator()}, to start separately. */
  static EmulatorConfig.Builder emulatorConfig() {
    return EmulatorConfig.builder()
        .port(0)
        .dataNow(Instant.parse(DATA_NOW))
        .conversationsPerDay(CONVERSATIONS_PER_DAY)
        .jobBaseDelay(Duration.ofMillis(100))
        .jobPerRecordDelay(Duration.ZERO)
        .requestsPerMinute(60_000);
  }

  /** The login flags for a separately started emulator. */
  static List<String> loginTo(Emulator emulator) {
    return List.of(
        "--domain",
        emulator.baseUrl(),
        "--client-id",
        emulator.clientId(),
        "--client-secret",
        emulator.clientSecret(),
        "--requests-per-minute",
        "60000");
  }

  /** The conversation ids the emulator holds for an export of this interval and these filters. */
  static List<String> groundTruth(Emulator emulator, String interval, List<String> filters) {
    ExportRequest request =
        ExportRequest.builder().interval(interval).filters(filters).output("-").build();
    return emulator.groundTruthConversationIds(request.jobBody(request.interval()));
  }

  /** The NDJSON bytes of an output file, decompressed when it is gzip. */
  static byte[] ndjson(Path output) throws IOException {
    byte[] raw = Files.readAllBytes(output);
    if (!output.toString().endsWith(".gz")) {
      return raw;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      return in.readAllBytes();
    }
  }

  /** Each line of NDJSON as JSON. */
  static List<JsonNode> records(byte[] ndjson) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    for (String line : new String(ndjson, StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isEmpty()) {
        records.add(JSON.readTree(line));
      }
    }
    return records;
  }

  static List<String> conversationIds(byte[] ndjson) throws IOException {
    return records(ndjson).stream().map(r -> r.path("conversationId").asText()).toList();
  }
}
