package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code gcjobs check}: login and availability, and what it says when one of them fails. */
@Tag("emulator")
class CheckCommandTest {
  private static Emulator emulator;

  @BeforeAll
  static void startEmulator() {
    emulator = Emulator.start(FastExports.emulatorConfig().build());
  }

  @AfterAll
  static void stopEmulator() {
    emulator.close();
  }

  private static CliRun check(String... flags) {
    List<String> args = new ArrayList<>(List.of("check"));
    args.addAll(List.of(flags));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void printsTheRegionTheTokenLifetimeAndTheAvailabilityDate() {
    long logins = emulator.requestCounts().total(Endpoint.TOKEN);

    CliRun run =
        check(
            "--domain",
            emulator.baseUrl(),
            "--client-id",
            emulator.clientId(),
            "--client-secret",
            emulator.clientSecret());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("region: " + emulator.baseUrl())
        .contains("OAuth client " + emulator.clientId() + " got a token valid for 24h 0m")
        .contains("conversation details are available up to " + FastExports.DATA_NOW)
        .contains("OK")
        .doesNotContain(emulator.clientSecret());
    assertThat(run.stderr()).isEmpty();
    assertThat(emulator.requestCounts().total(Endpoint.TOKEN)).isEqualTo(logins + 1);
    assertThat(emulator.requestCounts().count(Endpoint.AVAILABILITY, 200)).isPositive();
  }

  @Test
  void checksTheUserDetailsApiWhenAsked() {
    CliRun run = check("--emulator", "--data-now", FastExports.DATA_NOW, "--kind", "users");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("user details are available up to " + FastExports.DATA_NOW);
  }

  @Test
  void theTokenNeverAppears() {
    CliRun run = check("--emulator", "-v");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.OK);
    // Emulator tokens are long random strings; nothing on either stream looks like one.
    assertThat(run.out() + run.stderr())
        .doesNotContainPattern("[A-Za-z0-9_-]{32,}")
        .doesNotContain("access_token")
        .doesNotContain("Bearer");
  }

  @Test
  void aWrongSecretExitsWith3AndSaysToCheckTheIdAndSecret() {
    CliRun run =
        check(
            "--domain",
            emulator.baseUrl(),
            "--client-id",
            emulator.clientId(),
            "--client-secret",
            "not-the-secret");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.AUTHENTICATION);
    assertThat(run.stderr())
        .contains("login failed", "client id or secret is wrong", emulator.clientId())
        .doesNotContain("not-the-secret");
    assertThat(run.stderr().strip()).doesNotContain("\n");
  }

  @Test
  void anUnknownRegionExitsWith2BeforeSendingAnything() {
    CliRun run = check("--domain", "mypurecloud.xx", "--client-id", "a", "--client-secret", "b");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr()).contains("--domain", "not a Genesys Cloud region");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnknownKindExitsWith2() {
    CliRun run = check("--emulator", "--kind", "calls");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(run.stderr()).contains("--kind", "conversations, users");
  }
}
