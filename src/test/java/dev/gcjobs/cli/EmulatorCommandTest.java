package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.emulator.FaultRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@Tag("emulator")
class EmulatorCommandTest {
  private final EmulatorCommand command = new EmulatorCommand();
  private final CommandLine gcjobs = new CommandLine(new Main());
  private final StringWriter err = new StringWriter();

  private EmulatorConfig parse(String... args) {
    CommandLine line = new CommandLine(command);
    line.parseArgs(args);
    return command.config();
  }

  @Test
  void everyFlagReachesTheConfig() {
    EmulatorConfig config =
        parse(
            "--port",
            "0",
            "--host",
            "0.0.0.0",
            "--seed",
            "7",
            "--client-id",
            "acme",
            "--client-secret",
            "s3cret",
            "--conversations-per-day",
            "500",
            "--users",
            "12",
            "--data-lag",
            "15m",
            "--data-now",
            "2024-05-02T00:00:00Z",
            "--token-ttl",
            "600",
            "--rate-per-minute",
            "60",
            "--max-concurrent-jobs",
            "3",
            "--max-page-size",
            "250",
            "--job-delay",
            "500ms",
            "--job-delay-per-record",
            "PT0.002S",
            "--result-retention",
            "2h",
            "--sync-timeout-threshold",
            "5000",
            "--max-body-bytes",
            "65536",
            "--fault",
            "results:503=0.1",
            "--fault",
            "token@2=reset",
            "--failed-job-fraction",
            "0.05",
            "--fault-retry-after",
            "2s",
            "--slow-delay",
            "1s");

    assertThat(config.port()).isZero();
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.seed()).isEqualTo(7);
    assertThat(config.clients()).containsOnlyKeys("acme");
    assertThat(config.conversationsPerDay()).isEqualTo(500);
    assertThat(config.users()).isEqualTo(12);
    assertThat(config.dataLag()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.dataNow()).contains(Instant.parse("2024-05-02T00:00:00Z"));
    assertThat(config.tokenTtl()).isEqualTo(Duration.ofSeconds(600));
    assertThat(config.requestsPerMinute()).isEqualTo(60);
    assertThat(config.maxConcurrentJobsPerClient()).isEqualTo(3);
    assertThat(config.maxPageSize()).isEqualTo(250);
    assertThat(config.jobBaseDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.jobPerRecordDelay()).isEqualTo(Duration.ofMillis(2));
    assertThat(config.resultRetention()).isEqualTo(Duration.ofHours(2));
    assertThat(config.syncTimeoutThreshold()).isEqualTo(5000);
    assertThat(config.maxBodyBytes()).isEqualTo(65536);
    assertThat(config.faults())
        .containsExactly(FaultRule.parse("results:503=0.1"), FaultRule.parse("token@2=reset"));
    assertThat(config.failedJobFraction()).isEqualTo(0.05);
    assertThat(config.injectedRetryAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.slowDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void withoutFlagsTheDemoClientListensOnTheDefaultPort() {
    EmulatorConfig config = parse();

    assertThat(config.port()).isEqualTo(EmulatorCommand.DEFAULT_PORT);
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.clients()).containsOnlyKeys(EmulatorConfig.DEFAULT_CLIENT_ID);
  }

  /** Runs {@code gcjobs emulator ARGS} (only for arguments that fail before it starts). */
  private int run(String... args) {
    gcjobs.setErr(new PrintWriter(err));
    String[] full = new String[args.length + 1];
    full[0] = "emulator";
    System.arraycopy(args, 0, full, 1, args.length);
    return gcjobs.execute(full);
  }

  @Test
  void aMalformedFaultRuleIsAUsageErrorShowingTheSyntax() {
    assertThat(run("--fault", "results=503")).as("%s", err).isEqualTo(2);
    assertThat(err.toString()).contains("results:503=0.1");
  }

  @Test
  void aClientIdWithoutSecretIsAUsageError() {
    assertThat(run("--client-id", "acme")).as("%s", err).isEqualTo(2);
    assertThat(err.toString()).contains("--client-id and --client-secret go together");
  }

  @Test
  void anOutOfRangeValueIsAUsageErrorNamingTheSetting() {
    assertThat(run("--max-page-size", "0")).as("%s", err).isEqualTo(2);
    assertThat(err.toString()).contains("--max-page-size must be >= 1");
  }

  @Test
  void badLakeSettingsAreUsageErrorsNamingTheFlagsAlsoWithExportEmulator() {
    assertThat(run("--deleted-after-min", "5d", "--deleted-after-max", "1d")).isEqualTo(2);
    assertThat(err.toString()).contains("--deleted-after-max must be at least --deleted-after-min");
    CliRun export =
        CliRun.of(
            "export",
            "--emulator",
            "--revised-fraction",
            "2",
            "--interval",
            "2024-01-01/2024-01-02",
            "-o",
            "-");

    assertThat(export.exitCode()).as("%s", export).isEqualTo(2);
    assertThat(export.stderr()).contains("--revised-fraction must be between 0 and 1");
  }

  @Test
  void aBadDurationIsAUsageErrorShowingTheForms() {
    assertThat(run("--job-delay", "soon")).as("%s", err).isEqualTo(2);
    assertThat(err.toString()).contains("500ms");
  }

  @Test
  void helpListsEveryFlag() {
    String help = gcjobs.getSubcommands().get("emulator").getUsageMessage();

    assertThat(help)
        .contains("--port", "--host", "--seed", "--client-id", "--client-secret")
        .contains("--conversations-per-day", "--users", "--data-lag", "--data-now", "--token-ttl")
        .contains("--rate-per-minute", "--max-concurrent-jobs", "--max-page-size", "--job-delay")
        .contains("--job-delay-per-record", "--result-retention", "--sync-timeout-threshold")
        .contains("--max-body-bytes", "--fault", "--failed-job-fraction", "--fault-retry-after")
        .contains("--slow-delay");
  }

  @Test
  void startingPrintsTheBaseUrlAndTheDemoClientWhichCanLogIn() throws Exception {
    new CommandLine(command).parseArgs("--port", "0");
    StringWriter out = new StringWriter();

    try (Emulator emulator = command.start(new PrintWriter(out))) {
      assertThat(out.toString())
          .contains(emulator.baseUrl())
          .contains("gcjobs-demo / gcjobs-demo-secret");
      String basic =
          Base64.getEncoder().encodeToString("gcjobs-demo:gcjobs-demo-secret".getBytes());
      HttpResponse<String> token =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/oauth/token"))
                      .header("Authorization", "Basic " + basic)
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(token.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aGivenClientSecretIsNotPrinted() {
    new CommandLine(command)
        .parseArgs("--port", "0", "--client-id", "acme", "--client-secret", "hush-hush");
    StringWriter out = new StringWriter();

    try (Emulator emulator = command.start(new PrintWriter(out))) {
      assertThat(out.toString()).contains("acme").doesNotContain("hush-hush");
    }
  }
}
