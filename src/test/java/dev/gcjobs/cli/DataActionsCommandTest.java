package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("unit")
class DataActionsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  private int gcjobs(String... args) {
    return new CommandLine(new Main())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  @Test
  void printsTheThreeDefinitionsAsAJsonArray() throws Exception {
    assertThat(gcjobs("data-actions", "--base-url", "https://gcjobs.example.com")).isZero();

    JsonNode all = JSON.readTree(out.toString());
    assertThat(all).hasSize(3);
    assertThat(all.get(0).at("/config/request/requestUrlTemplate").asText())
        .isEqualTo("https://gcjobs.example.com/v1/exports");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void writesOneImportFilePerActionIntoTheOutputDirectory() throws Exception {
    Path target = dir.resolve("actions");

    assertThat(
            gcjobs("data-actions", "--base-url", "http://127.0.0.1:8080", "-o", target.toString()))
        .isZero();

    try (var files = Files.list(target)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "gcjobs-submit-export.json",
              "gcjobs-export-status.json",
              "gcjobs-cancel-export.json");
    }
    assertThat(
            JSON.readTree(target.resolve("gcjobs-export-status.json").toFile())
                .get("name")
                .asText())
        .isEqualTo("gcjobs - Export status");
    assertThat(err.toString()).contains("HTTPS").contains("cannot reach");
  }

  @Test
  void aBaseUrlThatIsNotAUrlIsAUsageError() {
    assertThat(gcjobs("data-actions", "--base-url", "gcjobs.example.com")).isEqualTo(2);
    assertThat(err.toString()).contains("--base-url").contains("https://");
  }
}
