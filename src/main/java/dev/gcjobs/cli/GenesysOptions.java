package dev.gcjobs.cli;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.genesys.GenesysConfigException;
import dev.gcjobs.genesys.RateBudget;
import dev.gcjobs.genesys.Region;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
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

  /** Whether a Genesys org or the emulator is chosen, by a flag or the environment. */
  boolean configured() {
    Map<String, String> env = System.getenv();
    return emulator
        || given(domain, env, Region.SETTING) != null
        || given(clientId, env, Credentials.CLIENT_ID_SETTING) != null
        || given(clientSecret, env, Credentials.CLIENT_SECRET_SETTING) != null;
  }

  /**
   * Starts the emulator if asked and builds the client; close the result when done.
   *
   * @throws GenesysConfigException naming the flag (and variable) that is missing or wrong
   */
  Connection connect(MeterRegistry registry) {
    Emulator started = null;
    GenesysClient.Builder builder = GenesysClient.builder().meterRegistry(registry);
    String source;
    String id;
    if (emulator) {
      EmulatorConfig config = emulatorOptions.configBuilder().port(0).build();
      started = Emulator.start(config);
      id = started.clientId();
      builder
          .domain(started.baseUrl(), "--emulator")
          .credentials(new Credentials(id, started.clientSecret()));
      source =
          "emulator:"
              + config.seed()
              + ":"
              + config.conversationsPerDay()
              + ":"
              + config.users()
              + ":"
              + config.dataNow().map(Object::toString).orElse("clock")
              + config.now().map(now -> ":now=" + now).orElse("");
    } else {
      Map<String, String> env = System.getenv();
      if (env.get(RateBudget.SETTING) != null) {
        builder.fromEnvironment(Map.of(RateBudget.SETTING, env.get(RateBudget.SETTING)));
      }
      builder.domain(
          required(
              domain, env, Region.SETTING, "--domain", "your org's region, e.g. mypurecloud.ie"),
          domain != null ? "--domain" : Region.SETTING);
      id =
          required(
              clientId,
              env,
              Credentials.CLIENT_ID_SETTING,
              "--client-id",
              "the id of an OAuth client (client credentials) from Admin > OAuth");
      String secret =
          required(
              clientSecret,
              env,
              Credentials.CLIENT_SECRET_SETTING,
              "--client-secret",
              "that OAuth client's secret");
      builder.credentials(new Credentials(id, secret));
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
      return new Connection(client, started, source, id);
    } catch (RuntimeException e) {
      if (started != null) {
        started.close();
      }
      throw e;
    }
  }

  /** The flag's value, else the variable's, or null when neither is set. */
  private static String given(String flag, Map<String, String> env, String variable) {
    String value = flag != null ? flag : env.get(variable);
    return value == null || value.isBlank() ? null : value;
  }

  private static String required(
      String flag, Map<String, String> env, String variable, String flagName, String what) {
    String value = given(flag, env, variable);
    if (value == null) {
      throw new GenesysConfigException(
          flagName,
          "is not set (nor "
              + variable
              + "); give "
              + what
              + ", or add --emulator to try gcjobs against its built-in emulator");
    }
    return value;
  }

  /**
   * A client, the emulator it talks to (or null), the name of the org it reads and the OAuth client
   * id it logs in with.
   */
  record Connection(GenesysClient client, Emulator emulator, String source, String clientId)
      implements AutoCloseable {
    @Override
    public void close() {
      if (emulator != null) {
        emulator.close();
      }
    }
  }
}
