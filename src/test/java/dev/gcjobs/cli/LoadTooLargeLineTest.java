package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gcjobs load} of a line larger than its memory, in a child process with a small heap. */
@Tag("process")
class LoadTooLargeLineTest {
  @TempDir Path dir;

  @Test
  void aJsonArrayTooLargeForTheMemoryIsOneLineNamingItNotAHang() throws Exception {
    // A whole export written as one JSON array: a user's likely mistake.
    Path array = dir.resolve("array.json");
    String record = "{\"conversationId\":\"c-0000000000\",\"originatingDirection\":\"inbound\"},";
    try (BufferedWriter out = Files.newBufferedWriter(array)) {
      out.write("[");
      for (int i = 0; i < 1_500_000; i++) {
        out.write(record);
      }
      out.write("{}]\n");
    }
    Path db = dir.resolve("t.duckdb");

    GcjobsProcess load =
        GcjobsProcess.start(
            dir,
            "load",
            List.of("-Xmx64m"),
            Map.of(),
            List.of("load", array.toString(), "--to", db + ""));
    int exit = load.awaitExit(Duration.ofMinutes(2));

    assertThat(exit).as(load.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: "
                + array
                + ": line 1: too large for the memory given (is the file NDJSON, one record per"
                + " line? If so, give more: GCJOBS_JAVA_OPTS=-Xmx4g)\n");
  }
}
