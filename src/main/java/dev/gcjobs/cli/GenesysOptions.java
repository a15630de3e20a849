package dev.gcjobs.cli;

import dev.gcjobs.app.GenesysConnection;
import dev.gcjobs.app.GenesysSettings;
import dev.gcjobs.genesys.GenesysConfigException;
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
        || given(domain, env, GenesysSettings.DOMAIN_VARIABLE) != null
        || given(clientId, env, GenesysSettings.CLIENT_ID_VARIABLE) != null
        || given(clientSecret, env, GenesysSettings.CLIENT_SECRET_VARIABLE) != null;
  }

  /**
   * Starts the emulator if asked and builds the client; close the result when done.
   *
   * @throws GenesysConfigException naming the flag (and variable) that is missing or wrong
   */
  GenesysConnection connect(MeterRegistry registry) {
    if (emulator) {
      return GenesysConnection.toEmulator(
          emulatorOptions.configBuilder().port(0).build(), requestsPerMinute, registry);
    }
    Map<String, String> env = System.getenv();
    String org =
        required(
            domain,
            env,
            GenesysSettings.DOMAIN_VARIABLE,
            "--domain",
            "your org's region, e.g. mypurecloud.ie");
    String id =
        required(
            clientId,
            env,
            GenesysSettings.CLIENT_ID_VARIABLE,
            "--client-id",
            "the id of an OAuth client (client credentials) from Admin > OAuth");
    String secret =
        required(
            clientSecret,
            env,
            GenesysSettings.CLIENT_SECRET_VARIABLE,
            "--client-secret",
            "that OAuth client's secret");
    return new GenesysSettings(
            org,
            domain != null ? "--domain" : GenesysSettings.DOMAIN_VARIABLE,
            id,
            secret,
            requestsPerMinute)
        .connect(env, registry);
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
}
