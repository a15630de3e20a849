package dev.gcjobs.genesys;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the client connects: the API base URL and the OAuth token URL of one Genesys Cloud region,
 * or of a loopback emulator.
 *
 * <p>{@link #parse(String)} accepts what users write in {@code GENESYS_DOMAIN}:
 *
 * <ul>
 *   <li>a region domain such as {@code mypurecloud.ie} or {@code usw2.pure.cloud} (see {@link
 *       #KNOWN_DOMAINS}): the API is {@code https://api.<domain>}, login {@code
 *       https://login.<domain>/oauth/token};
 *   <li>the API or login host of a region, such as {@code api.mypurecloud.ie}, optionally written
 *       as {@code https://api.mypurecloud.ie};
 *   <li>an explicit loopback base URL, {@code http://127.0.0.1:PORT} or {@code
 *       http://localhost:PORT}, for a separately started {@code gcjobs emulator}: the API and login
 *       share that base URL, login at {@code /oauth/token}.
 * </ul>
 *
 * Anything else is refused with a {@link GenesysConfigException}. Only loopback may use plain HTTP;
 * every real region is reached over TLS. Instances are immutable.
 */
public final class Region {
  /** The setting that names the region. */
  public static final String SETTING = "GENESYS_DOMAIN";

  /** The Genesys Cloud region domains, from the Genesys developer center. */
  public static final List<String> KNOWN_DOMAINS =
      List.of(
          "mypurecloud.com",
          "mypurecloud.ie",
          "mypurecloud.com.au",
          "mypurecloud.jp",
          "mypurecloud.de",
          "usw2.pure.cloud",
          "cac1.pure.cloud",
          "apne2.pure.cloud",
          "euw2.pure.cloud",
          "aps1.pure.cloud",
          "sae1.pure.cloud",
          "mec1.pure.cloud",
          "apne3.pure.cloud",
          "euc2.pure.cloud",
          "mxc1.pure.cloud",
          "apse1.pure.cloud",
          "use2.us-gov-pure.cloud",
          "edee1.eusc-pure.cloud");

  private static final List<String> LOOPBACK_HOSTS = List.of("127.0.0.1", "localhost", "[::1]");
  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
  private static final String HINT =
      "give your org's region domain (e.g. mypurecloud.com, mypurecloud.ie, usw2.pure.cloud),"
          + " its API host (e.g. api.mypurecloud.ie) or, for the emulator, http://127.0.0.1:PORT";

  private final String name;
  private final URI apiBaseUri;
  private final URI tokenUri;
  private final boolean loopback;

  private Region(String name, URI apiBaseUri, URI tokenUri, boolean loopback) {
    this.name = name;
    this.apiBaseUri = apiBaseUri;
    this.tokenUri = tokenUri;
    this.loopback = loopback;
  }

  /** Parses a {@code GENESYS_DOMAIN} value; see the class comment for what is accepted. */
  public static Region parse(String value) {
    return parse(value, SETTING);
  }

  /**
   * Parses a region value that came from {@code setting} (an environment variable or a flag name),
   * which the error message names.
   *
   * @throws GenesysConfigException when the value is empty, malformed or not a Genesys region
   */
  public static Region parse(String value, String setting) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      throw new GenesysConfigException(setting, "is not set; " + HINT);
    }
    String lower = v.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return parseUrl(v, setting);
    }
    if (lower.contains("/") || lower.contains(":")) {
      throw new GenesysConfigException(
          setting,
          "'"
              + v
              + "' is not a host name; write a loopback emulator as http://127.0.0.1:PORT, else "
              + HINT);
    }
    return forHost(lower, v, setting);
  }

  private static Region parseUrl(String v, String setting) {
    URI uri;
    try {
      uri = new URI(v);
    } catch (URISyntaxException e) {
      throw new GenesysConfigException(setting, "'" + v + "' is not a valid URL; " + HINT);
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean emptyPath =
        uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
    if (host.isEmpty()
        || !emptyPath
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new GenesysConfigException(
          setting, "'" + v + "' must be a bare base URL like http://127.0.0.1:PORT; " + HINT);
    }
    if (LOOPBACK_HOSTS.contains(host)) {
      String base =
          uri.getScheme().toLowerCase(Locale.ROOT)
              + "://"
              + host
              + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
      return new Region(base, URI.create(base), URI.create(base + "/oauth/token"), true);
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      throw new GenesysConfigException(
          setting,
          "'"
              + v
              + "' uses plain http; only a loopback emulator may, Genesys Cloud is reached over"
              + " https (or just write the domain, e.g. mypurecloud.ie)");
    }
    if (uri.getPort() != -1) {
      throw new GenesysConfigException(
          setting, "'" + v + "' has a port; Genesys Cloud hosts take none. " + HINT);
    }
    return forHost(host, v, setting);
  }

  private static Region forHost(String host, String original, String setting) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (!HOST_NAME.matcher(h).matches()) {
      throw new GenesysConfigException(setting, "'" + original + "' is not a host name; " + HINT);
    }
    String domain = h;
    if (h.startsWith("api.") || h.startsWith("login.")) {
      domain = h.substring(h.indexOf('.') + 1);
    }
    if (!KNOWN_DOMAINS.contains(domain)) {
      throw new GenesysConfigException(
          setting,
          "'"
              + original
              + "' is not a Genesys Cloud region; use one of "
              + String.join(", ", KNOWN_DOMAINS)
              + " (or api.<domain>), or http://127.0.0.1:PORT for the emulator");
    }
    return new Region(
        domain,
        URI.create("https://api." + domain),
        URI.create("https://login." + domain + "/oauth/token"),
        false);
  }

  /** The region domain (such as {@code mypurecloud.ie}) or the loopback base URL. */
  public String name() {
    return name;
  }

  /** The base of every API path, such as {@code https://api.mypurecloud.ie}; no trailing slash. */
  public URI apiBaseUri() {
    return apiBaseUri;
  }

  /**
   * Where client-credentials tokens are fetched, such as {@code
   * https://login.mypurecloud.ie/oauth/token}.
   */
  public URI tokenUri() {
    return tokenUri;
  }

  /** Whether this is a loopback emulator reached over plain HTTP. */
  public boolean isLoopback() {
    return loopback;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Region r && r.apiBaseUri.equals(apiBaseUri) && r.tokenUri.equals(tokenUri);
  }

  @Override
  public int hashCode() {
    return apiBaseUri.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
