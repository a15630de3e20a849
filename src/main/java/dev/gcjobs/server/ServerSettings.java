package dev.gcjobs.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP service runs. Build with {@link #builder(Path)}; every setting but the state
 * directory has a default.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the port, or 0 for any free one
 * @param stateDir where export outputs ({@code outputs/}) and the cursor secret live
 * @param apiKeys the accepted API keys, or null to run without authentication (loopback only)
 * @param rateLimit each key's request budget
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param stopTimeout how long a stop waits for requests in flight
 * @param healthTimeout how long {@code /health/ready} waits for each check
 * @param clock the time of retry advice, elapsed times and rate limits
 */
public record ServerSettings(
    String host,
    int port,
    Path stateDir,
    ApiKeyVerifier apiKeys,
    RateLimit rateLimit,
    long maxBodyBytes,
    Duration stopTimeout,
    Duration healthTimeout,
    Clock clock) {

  /** Loopback: reachable from this machine only until someone chooses otherwise. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  public static final int DEFAULT_PORT = 8080;

  /** A body is a small JSON request; 64 KiB holds a raw query with hundreds of predicates. */
  public static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  /** Requests answer in milliseconds, downloads may take longer; after this they are cut. */
  public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(20);

  /** Orchestrators probe every few seconds and give up after a few more. */
  public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(3);

  /**
   * @throws IllegalArgumentException for a bad port, size or timeout, keys configured but empty, or
   *     no authentication on an address other than loopback
   */
  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(healthTimeout, "healthTimeout");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("the port must lie between 0 and 65535; got " + port);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("the body size limit must be positive");
    }
    if (apiKeys != null && !apiKeys.hasKeys()) {
      throw new IllegalArgumentException(
          "no API key is configured: add one with `gcjobs keys add NAME`, or set "
              + EnvApiKeys.VARIABLE
              + "; or try the service on this machine alone, without authentication");
    }
    if (apiKeys == null && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "without authentication the service binds to loopback only (127.0.0.1 or ::1), not "
              + host
              + "; configure an API key to listen on other addresses");
    }
  }

  /** Settings with every default, keeping state in {@code stateDir}; authentication still off. */
  public static Builder builder(Path stateDir) {
    return new Builder(stateDir);
  }

  /** Whether the address is a loopback one (resolving a name if given one). */
  public static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Where exports of the service write their NDJSON. */
  public Path outputDir() {
    return stateDir.resolve("outputs");
  }

  /** Collects settings; not thread-safe. */
  public static final class Builder {
    private final Path stateDir;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private ApiKeyVerifier apiKeys;
    private RateLimit rateLimit = RateLimit.DEFAULT;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
    private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
    private Clock clock = Clock.systemUTC();

    private Builder(Path stateDir) {
      this.stateDir = stateDir;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The keys to accept; leave unset (null) to run without authentication. */
    public Builder apiKeys(ApiKeyVerifier apiKeys) {
      this.apiKeys = apiKeys;
      return this;
    }

    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = rateLimit;
      return this;
    }

    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = stopTimeout;
      return this;
    }

    public Builder healthTimeout(Duration healthTimeout) {
      this.healthTimeout = healthTimeout;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * @throws IllegalArgumentException as the record's constructor
     */
    public ServerSettings build() {
      return new ServerSettings(
          host,
          port,
          stateDir,
          apiKeys,
          rateLimit,
          maxBodyBytes,
          stopTimeout,
          healthTimeout,
          clock);
    }
  }
}
