package dev.gcjobs.app;

import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.genesys.RateBudget;
import dev.gcjobs.genesys.Region;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * A Genesys Cloud org and the OAuth client (client credentials) to read it with, as a front door
 * resolved them from its flags and the environment; {@link #connect} builds the client. The secret
 * never shows: {@link #toString()} masks it.
 *
 * @param domain a region domain, an API host or a loopback URL (see {@link Region})
 * @param domainSetting where {@code domain} came from, named when it is wrong: a flag, or {@link
 *     #DOMAIN_VARIABLE}
 * @param clientId the OAuth client's id
 * @param clientSecret its secret
 * @param requestsPerMinute the request budget, or null for {@link #REQUESTS_PER_MINUTE_VARIABLE},
 *     else the default
 */
public record GenesysSettings(
    String domain,
    String domainSetting,
    String clientId,
    String clientSecret,
    Long requestsPerMinute) {
  /** The environment variable that names the org's region. */
  public static final String DOMAIN_VARIABLE = Region.SETTING;

  /** The environment variable that holds the OAuth client id. */
  public static final String CLIENT_ID_VARIABLE = Credentials.CLIENT_ID_SETTING;

  /** The environment variable that holds the OAuth client secret. */
  public static final String CLIENT_SECRET_VARIABLE = Credentials.CLIENT_SECRET_SETTING;

  /** The environment variable that holds the request budget. */
  public static final String REQUESTS_PER_MINUTE_VARIABLE = RateBudget.SETTING;

  /**
   * Builds the client; nothing is sent yet.
   *
   * @param env where {@link #REQUESTS_PER_MINUTE_VARIABLE} is read
   * @throws dev.gcjobs.genesys.GenesysConfigException naming the setting that is wrong
   */
  public GenesysConnection connect(Map<String, String> env, MeterRegistry registry) {
    GenesysClient.Builder builder = GenesysClient.builder().meterRegistry(registry);
    String rate = env.get(REQUESTS_PER_MINUTE_VARIABLE);
    if (rate != null) {
      builder.fromEnvironment(Map.of(REQUESTS_PER_MINUTE_VARIABLE, rate));
    }
    builder.domain(domain, domainSetting).credentials(new Credentials(clientId, clientSecret));
    if (requestsPerMinute != null) {
      builder.requestsPerMinute(requestsPerMinute);
    }
    GenesysClient client = builder.build();
    // The org is its API host and the OAuth client reading it, as given (exports are keyed by it).
    return new GenesysConnection(
        client, null, client.region().apiBaseUri() + "|" + clientId, clientId);
  }

  /** Shows where and who, and masks the secret. */
  @Override
  public String toString() {
    return "GenesysSettings[domain="
        + domain
        + ", clientId="
        + clientId
        + ", clientSecret=****, requestsPerMinute="
        + requestsPerMinute
        + "]";
  }
}
