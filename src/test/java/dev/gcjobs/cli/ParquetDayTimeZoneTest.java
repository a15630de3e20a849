package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parquet:DIR?partition=day} on a machine whose time zone is not UTC, in a process. */
@Tag("process")
class ParquetDayTimeZoneTest {
  @TempDir Path dir;

  @Test
  void aConversationsDayIsItsUtcDayWhateverTheMachinesTimeZone() throws Exception {
    Path file = dir.resolve("one.ndjson");
    // 22:00 on May 31st in New York.
    Files.writeString(
        file, "{\"conversationId\":\"c-1\",\"conversationStart\":\"2024-06-01T02:00:00Z\"}\n");
    Path out = dir.resolve("pq");

    GcjobsProcess load =
        GcjobsProcess.start(
            dir,
            "load",
            List.of(),
            Map.of("TZ", "America/New_York"),
            List.of("load", file.toString(), "--to", "parquet:" + out + "?partition=day", "-q"));

    assertThat(load.awaitExit(Duration.ofMinutes(2))).as(load.toString()).isZero();
    assertThat(out.resolve("conversations").resolve("day=2024-06-01")).isDirectory();
  }
}
