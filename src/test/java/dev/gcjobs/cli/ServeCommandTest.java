package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.app.ApiKeyFile;
import dev.gcjobs.app.Service;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("emulator")
class ServeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path dir;

  private ServeCommand parse(String... args) {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutAnyKeyTheServiceRefusesToStartAndSaysWhatToDo() {
    ServeCommand command = parse("--state-dir", dir.toString(), "--port", "0", "--emulator");

    assertThatThrownBy(() -> command.start(Map.of()))
        .isInstanceOf(ServeCommand.UsageException.class)
        .hasMessageContaining("gcjobs keys add")
        .hasMessageContaining("GCJOBS_API_KEYS")
        .hasMessageContaining("--insecure-no-auth");
  }

  @Test
  void withoutAnyKeyTheExitCodeIsTwo() {
    assumeTrue(System.getenv("GCJOBS_API_KEYS") == null, "GCJOBS_API_KEYS is set here");
    StringWriter err = new StringWriter();

    int code =
        new CommandLine(new Main())
            .setErr(new PrintWriter(err, true))
            .execute(
                "serve",
                "--state-dir",
                dir.toString(),
                "--keys-file",
                dir.resolve("none.json").toString(),
                "--emulator");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("gcjobs serve: no API key is configured");
  }

  @Test
  void noAuthenticationIsRefusedOnAnAddressOtherThanLoopback() {
    ServeCommand command =
        parse("--state-dir", dir.toString(), "--insecure-no-auth", "--bind", "0.0.0.0");

    assertThatThrownBy(() -> command.start(Map.of()))
        .isInstanceOf(ServeCommand.UsageException.class)
        .hasMessageContaining("loopback");
  }

  @Test
  void servesExportsFromTheBuiltInEmulatorWithAKeyFromTheKeyFile() throws Exception {
    String key = ApiKeyFile.at(dir.resolve("api-keys.json")).add("test", Instant.now()).key();
    ServeCommand command =
        parse(
            "--state-dir",
            dir.toString(),
            "--port",
            "0",
            "--emulator",
            "--conversations-per-day",
            "50",
            "--data-now",
            "2024-06-01T00:00:00Z",
            "--job-delay",
            "100ms",
            "--job-delay-per-record",
            "0s");

    try (Service running = command.start(Map.of())) {
      String base = running.baseUrl();
      HttpResponse<String> submitted =
          send(
              HttpRequest.newBuilder(URI.create(base + "/v1/exports"))
                  .header("Authorization", "Bearer " + key)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"interval\": \"2024-05-01/P1D\"}")));
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
      String status = base + JSON.readTree(submitted.body()).get("statusUrl").asText();

      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  JSON.readTree(
                          send(HttpRequest.newBuilder(URI.create(status + "/summary"))
                                  .header("Authorization", "Bearer " + key))
                              .body())
                      .get("done")
                      .asBoolean());
      JsonNode page =
          JSON.readTree(
              send(HttpRequest.newBuilder(URI.create(status + "/records?limit=1000"))
                      .header("Authorization", "Bearer " + key))
                  .body());
      assertThat(page.get("count").asInt()).isPositive();
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/health/ready"))).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aBadDestinationIsAUsageErrorNamingTheFlag() {
    for (String spec : new String[] {"warehouse", "ware house=x.duckdb", "w=notes.txt"}) {
      ServeCommand command =
          parse("--state-dir", dir.toString(), "--insecure-no-auth", "--destination", spec);

      assertThatThrownBy(() -> command.start(Map.of()))
          .as(spec)
          .isInstanceOf(ServeCommand.UsageException.class)
          .hasMessageStartingWith("--destination: ");
    }
  }

  @Test
  void twoNamesForTheSameTablesAreRefused() {
    ServeCommand command =
        parse(
            "--state-dir",
            dir.toString(),
            "--insecure-no-auth",
            "--destination",
            "a=" + dir.resolve("gc.duckdb"),
            "--destination",
            "b=duckdb:" + dir.resolve("gc.duckdb"));

    assertThatThrownBy(() -> command.start(Map.of()))
        .isInstanceOf(ServeCommand.UsageException.class)
        .hasMessageContaining("a and b name the same tables");
  }

  @Test
  void runsSyncsIntoADestinationNamedInTheEnvironment() throws Exception {
    Path duckDb = dir.resolve("gc.duckdb");
    ServeCommand command =
        parse(
            "--state-dir",
            dir.toString(),
            "--port",
            "0",
            "--insecure-no-auth",
            "--emulator",
            "--conversations-per-day",
            "50",
            "--job-delay",
            "100ms",
            "--job-delay-per-record",
            "0s");
    String since = Instant.now().minus(Duration.ofDays(2)).toString();

    try (Service running = command.start(Map.of("GCJOBS_DESTINATIONS", "warehouse=" + duckDb))) {
      String syncs = running.baseUrl() + "/v1/syncs";
      HttpResponse<String> defined =
          send(
              HttpRequest.newBuilder(URI.create(syncs))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"destination\": \"warehouse\", \"since\": \"" + since + "\"}")));
      assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
      String self = running.baseUrl() + JSON.readTree(defined.body()).at("/links/self").asText();

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  JSON.readTree(send(HttpRequest.newBuilder(URI.create(self))).body())
                          .get("cycles")
                          .size()
                      == 1);
      JsonNode cycle =
          JSON.readTree(send(HttpRequest.newBuilder(URI.create(self))).body()).at("/cycles/0");
      assertThat(cycle.get("succeeded").asBoolean()).as(cycle.toString()).isTrue();
      assertThat(cycle.get("requests").asLong()).isPositive();
    }
  }

  @Test
  void loadsAnExportIntoADestinationNamedByAFlag() throws Exception {
    Path duckDb = dir.resolve("exports.duckdb");
    ServeCommand command =
        parse(
            "--state-dir",
            dir.toString(),
            "--port",
            "0",
            "--insecure-no-auth",
            "--emulator",
            "--conversations-per-day",
            "50",
            "--job-delay",
            "100ms",
            "--job-delay-per-record",
            "0s",
            "--destination",
            "warehouse=" + duckDb);
    String day = Instant.now().minus(Duration.ofDays(3)).toString().substring(0, 10);

    try (Service running = command.start(Map.of())) {
      HttpResponse<String> submitted =
          send(
              HttpRequest.newBuilder(URI.create(running.baseUrl() + "/v1/exports"))
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"interval\": \"" + day + "/P1D\", \"destination\": \"warehouse\"}")));
      assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
      String status = running.baseUrl() + JSON.readTree(submitted.body()).get("statusUrl").asText();

      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  JSON.readTree(send(HttpRequest.newBuilder(URI.create(status))).body())
                      .at("/destination/state")
                      .asText()
                      .equals("DONE"));
      JsonNode export = JSON.readTree(send(HttpRequest.newBuilder(URI.create(status))).body());
      assertThat(export.at("/destination/new").asLong())
          .isEqualTo(export.at("/progress/records").asLong())
          .isPositive();
    }
  }
}
