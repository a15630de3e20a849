package dev.gcjobs.cli;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gcjobs emulator}: runs the built-in Genesys Cloud stand-in until Ctrl-C. */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Genesys Cloud stand-in: POST /oauth/token and the analytics detail jobs, results,"
          + " synchronous query, rate limits and injected faults, on one port, until Ctrl-C.",
      "Introspection: POST /emulator/ground-truth/conversations|users, GET /emulator/stats, GET /emulator/jobs, GET|POST /emulator/clock,"
          + " GET|POST|DELETE /emulator/faults."
    })
public final class EmulatorCommand implements Callable<Integer> {
  /** A fixed port people can remember; tests and --emulator flags use ephemeral ones. */
  static final int DEFAULT_PORT = 8787;

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "" + DEFAULT_PORT,
      description = "Port to listen on; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = EmulatorConfig.DEFAULT_HOST,
      description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description =
          "OAuth client id to accept instead of the demo client "
              + EmulatorConfig.DEFAULT_CLIENT_ID
              + ".")
  String clientId;

  @Option(
      names = "--client-secret",
      paramLabel = "SECRET",
      description = "Secret of --client-id (required with it).")
  String clientSecret;

  @Mixin EmulatorOptions options;

  @Override
  public Integer call() throws InterruptedException {
    Emulator emulator;
    try {
      emulator = start(spec.commandLine().getOut());
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println("gcjobs emulator: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                },
                "emulator-shutdown"));
    stopped.await();
    return 0;
  }

  /** The configuration the flags describe. */
  EmulatorConfig config() {
    if ((clientId == null) != (clientSecret == null)) {
      throw new ParameterException(
          spec.commandLine(), "--client-id and --client-secret go together: give both or neither");
    }
    try {
      EmulatorConfig.Builder builder = options.configBuilder().port(port).host(host);
      if (clientId != null) {
        builder.client(clientId, clientSecret);
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** Starts the emulator and prints where it listens and how to log in. */
  Emulator start(PrintWriter out) {
    Emulator emulator = Emulator.start(config());
    out.println("Genesys Cloud emulator listening on " + emulator.baseUrl());
    out.println(
        "  login:  POST " + emulator.baseUrl() + "/oauth/token (client credentials, HTTP Basic)");
    out.println("  api:    " + emulator.baseUrl() + "/api/v2/analytics/...");
    if (clientId == null) {
      out.println(
          "  client: "
              + emulator.clientId()
              + " / "
              + emulator.clientSecret()
              + " (the demo client)");
    } else {
      out.println("  client: " + emulator.clientId() + " (secret as given)");
    }
    out.println("Press Ctrl-C to stop.");
    out.flush();
    return emulator;
  }
}
