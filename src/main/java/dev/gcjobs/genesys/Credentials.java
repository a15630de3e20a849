package dev.gcjobs.genesys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client id and secret of a Genesys Cloud OAuth client (grant type client credentials).
 *
 * <p>The secret is never shown: {@link #toString()} masks it, and no log line or exception message
 * of the client contains it. Both values must be non-blank; surrounding whitespace (a stray newline
 * from a secrets file) is removed.
 *
 * @param clientId the OAuth client id ({@code GENESYS_CLIENT_ID})
 * @param clientSecret the OAuth client secret ({@code GENESYS_CLIENT_SECRET})
 */
public record Credentials(String clientId, String clientSecret) {
  /** The setting that holds the client id. */
  public static final String CLIENT_ID_SETTING = "GENESYS_CLIENT_ID";

  /** The setting that holds the client secret. */
  public static final String CLIENT_SECRET_SETTING = "GENESYS_CLIENT_SECRET";

  /**
   * @throws GenesysConfigException when a value is missing or blank
   */
  public Credentials {
    clientId =
        require(clientId, CLIENT_ID_SETTING, "the id of an OAuth client (client credentials)");
    clientSecret = require(clientSecret, CLIENT_SECRET_SETTING, "that OAuth client's secret");
  }

  private static String require(String value, String setting, String what) {
    if (value == null || value.isBlank()) {
      throw new GenesysConfigException(
          setting, "is empty; set it to " + what + " from Genesys Cloud Admin > OAuth");
    }
    return value.strip();
  }

  /**
   * The {@code Authorization} header value for the token request: {@code Basic base64(id:secret)}.
   */
  String basicAuthorization() {
    String pair = clientId + ":" + clientSecret;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Shows the client id and masks the secret. */
  @Override
  public String toString() {
    return "Credentials[clientId=" + clientId + ", clientSecret=****]";
  }
}
