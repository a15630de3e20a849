package dev.gcjobs.cli;

import dev.gcjobs.app.GenesysConnection;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.InvalidRequest;
import dev.gcjobs.genesys.GenesysAuthException;
import dev.gcjobs.genesys.GenesysConfigException;
import dev.gcjobs.genesys.GenesysException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gcjobs check}: the curl check users do by hand, with a diagnosis. Logs in (client
 * credentials) and asks for the data availability date of the detail jobs API, then says which part
 * is wrong: the region, the client id or secret, the grant, or a missing permission.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks the region and credentials: fetches an OAuth token and calls the detail jobs'"
          + " availability endpoint, then prints the region, the token's lifetime (never the"
          + " token) and the date up to which data is available.",
      "Exit codes: 0 ready to export, 1 Genesys unreachable or failing, 2 a setting is missing or"
          + " malformed, 3 login refused or a permission missing."
    })
public final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      defaultValue = "conversations",
      description =
          "Which jobs API to check: conversations or users (default ${DEFAULT-VALUE}); each"
              + " needs its own permission.")
  String kind;

  @Option(
      names = {"-v", "--verbose"},
      description = "Also log each request and retry.")
  boolean verbose;

  @Mixin GenesysOptions genesys;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Logging.engineEvents(verbose, false);
    ExportKind exportKind;
    try {
      exportKind = ExportKind.fromCliName(kind);
    } catch (InvalidRequest e) {
      err.println("gcjobs check: --kind: " + e.getMessage());
      return ExitCode.USAGE;
    }
    try (GenesysConnection connection = genesys.connect(new SimpleMeterRegistry())) {
      return check(connection, exportKind, out, err);
    } catch (GenesysConfigException e) {
      err.println("gcjobs check: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A malformed emulator option, or its port could not be bound.
      err.println("gcjobs check: " + e.getMessage());
      return ExitCode.USAGE;
    }
  }

  private static int check(
      GenesysConnection connection, ExportKind kind, PrintWriter out, PrintWriter err) {
    out.println(
        "region: "
            + connection.regionName()
            + " (API "
            + connection.apiBaseUri()
            + ", login "
            + connection.tokenUri()
            + ")");
    out.flush();
    Instant asked = Instant.now();
    Instant expires;
    try {
      expires = connection.logIn();
    } catch (GenesysAuthException e) {
      err.println("gcjobs check: login failed: " + e.getMessage());
      return e.likelyProblem() == GenesysAuthException.LikelyProblem.SERVICE
          ? ExitCode.FAILURE
          : ExitCode.AUTHENTICATION;
    }
    out.println(
        "login: OAuth client "
            + connection.clientId()
            + " got a token valid for "
            + human(Duration.between(asked, expires))
            + " (until "
            + expires
            + ")");
    out.flush();
    Instant available;
    try {
      available = connection.dataAvailableUntil(kind);
    } catch (GenesysException e) {
      return availabilityFailed(e, kind, err);
    }
    Duration age = Duration.between(available, Instant.now());
    out.println(
        "data: "
            + (kind == ExportKind.USERS ? "user" : "conversation")
            + " details are available up to "
            + available
            + (age.isNegative() ? "" : " (" + human(age) + " ago)"));
    out.println("OK: ready to export " + kind.cliName());
    return ExitCode.OK;
  }

  private static int availabilityFailed(GenesysException e, ExportKind kind, PrintWriter err) {
    if (e.status() == 403) {
      err.println(
          "gcjobs check: permission missing: the OAuth client logged in, but its role may not use"
              + " the "
              + kind.cliName()
              + " detail jobs; in Admin > Roles give it "
              + (kind == ExportKind.USERS
                  ? "analytics:userDetail:view"
                  : "analytics:conversationDetail:view")
              + ". Genesys said: "
              + e.getMessage());
      return ExitCode.AUTHENTICATION;
    }
    if (e instanceof GenesysAuthException auth) {
      err.println("gcjobs check: " + auth.getMessage());
      return ExitCode.AUTHENTICATION;
    }
    err.println("gcjobs check: the availability call failed: " + e.getMessage());
    return ExitCode.FAILURE;
  }

  /** A rounded duration people read at a glance: {@code 24h 0m}, {@code 4m 10s}, {@code 3d 2h}. */
  static String human(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s >= 2 * 86_400) {
      return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }
    if (s >= 3600) {
      return s / 3600 + "h " + s % 3600 / 60 + "m";
    }
    if (s >= 60) {
      return s / 60 + "m " + s % 60 + "s";
    }
    return s + "s";
  }
}
