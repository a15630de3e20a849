package dev.gcjobs.cli;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import io.micrometer.core.instrument.MeterRegistry;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the Genesys API is and how to log in: flags over the environment ({@code GENESYS_DOMAIN},
 * {@code GENESYS_CLIENT_ID}, {@code GENESYS_CLIENT_SECRET}, {@code GCJOBS_REQUESTS_PER_MINUTE}), or
 * {@code --emulator} for the built-in emulator.
 */
final class GenesysOptions {
  @Option(
      names = "--domain",
      paramLabel = "DOMAIN",
      description =
          "Region domain (mypurecloud.com, mypurecloud.ie, usw2.pure.cloud, ...), API host"
              + " (api.mypurecloud.de) or loopback URL of `gcjobs emulator`"
              + " (http://127.0.0.1:8787). Default: $GENESYS_DOMAIN.")
  String domain;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "OAuth client id (client credentials grant). Default: $GENESYS_CLIENT_ID.")
  String clientId;

  @Option(
      names = "--client-secret",
      paramLabel = "SECRET",
      description =
          "OAuth client secret. Default: $GENESYS_CLIENT_SECRET, which is better: a flag shows in"
              + " the process list.")
  String clientSecret;

  @Option(
      names = "--requests-per-minute",
      paramLabel = "N",
      description =
          "Request budget shared by every call (default 280, a little under Genesys' common"
              + " 300/min). Default: $GCJOBS_REQUESTS_PER_MINUTE.")
  Long requestsPerMinute;

  @Option(
      names = "--emulator",
      description =
          "Run the built-in Genesys Cloud emulator in this process and use it (no org needed);"
              + " the emulator options below shape its data and faults.")
  boolean emulator;

  @Mixin EmulatorOptions emulatorOptions;

  /** Starts the emulator if asked and builds the client; close the result when done. */
  Connection connect(MeterRegistry registry) {
    Emulator started = null;
    GenesysClient.Builder builder = GenesysClient.builder().meterRegistry(registry);
    String source;
    if (emulator) {
      EmulatorConfig config = emulatorOptions.configBuilder().port(0).build();
      started = Emulator.start(config);
      builder
          .domain(started.baseUrl(), "--emulator")
          .credentials(new Credentials(started.clientId(), started.clientSecret()));
      source =
          "emulator:"
              + config.seed()
              + ":"
              + config.conversationsPerDay()
              + ":"
              + config.users()
              + ":"
              + config.dataNow().map(Object::toString).orElse("clock");
    } else {
      builder.fromEnvironment(System.getenv());
      if (domain != null) {
        builder.domain(domain, "--domain");
      }
      String id = clientId != null ? clientId : System.getenv(Credentials.CLIENT_ID_SETTING);
      if (clientId != null || clientSecret != null) {
        String secret =
            clientSecret != null ? clientSecret : System.getenv(Credentials.CLIENT_SECRET_SETTING);
        builder.credentials(new Credentials(id, secret));
      }
      source = "|" + id;
    }
    if (requestsPerMinute != null) {
      builder.requestsPerMinute(requestsPerMinute);
    }
    try {
      GenesysClient client = builder.build();
      if (started == null) {
        source = client.region().apiBaseUri() + source;
      }
      return new Connection(client, started, source);
    } catch (RuntimeException e) {
      if (started != null) {
        started.close();
      }
      throw e;
    }
  }

  /** A client, the emulator it talks to (or null), and the name of the org it reads. */
  record Connection(GenesysClient client, Emulator emulator, String source)
      implements AutoCloseable {
    @Override
    public void close() {
      if (emulator != null) {
        emulator.close();
      }
    }
  }
}
