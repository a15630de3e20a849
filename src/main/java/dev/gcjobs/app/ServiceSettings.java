package dev.gcjobs.app;

import dev.gcjobs.server.ApiKeyVerifier;
import dev.gcjobs.server.EnvApiKeys;
import dev.gcjobs.server.RateLimit;
import dev.gcjobs.server.ServerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How {@code gcjobs serve} listens and whom it lets in, built from plain values: the front door
 * gives its flags' values, this builds the server's own settings. Validated when built, before
 * anything starts.
 */
public final class ServiceSettings {
  /** Loopback: reachable from this machine only until someone chooses otherwise. */
  public static final String DEFAULT_HOST = ServerSettings.DEFAULT_HOST;

  public static final int DEFAULT_PORT = ServerSettings.DEFAULT_PORT;

  /** Each API key's sustained request rate, with bursts of twice as many. */
  public static final int DEFAULT_REQUESTS_PER_SECOND = RateLimit.DEFAULT_REQUESTS_PER_SECOND;

  /** The environment variable of plain API keys, accepted besides the key file's. */
  public static final String API_KEYS_VARIABLE = EnvApiKeys.VARIABLE;

  private final ServerSettings server;

  private ServiceSettings(ServerSettings server) {
    this.server = server;
  }

  /** Settings with every default, keeping state in {@code stateDir}; authentication off. */
  public static Builder builder(Path stateDir) {
    return new Builder(stateDir);
  }

  /** Whether the address is a loopback one, the only kind served without authentication. */
  public static boolean isLoopback(String host) {
    return ServerSettings.isLoopback(host);
  }

  /** The server's settings, for the service built in this package. */
  ServerSettings server() {
    return server;
  }

  /** Collects settings; not thread-safe. */
  public static final class Builder {
    private final ServerSettings.Builder server;
    private ApiKeyVerifier apiKeys;

    private Builder(Path stateDir) {
      this.server = ServerSettings.builder(stateDir);
    }

    /** The address to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}. */
    public Builder host(String host) {
      server.host(host);
      return this;
    }

    /** The port, or 0 for any free one. */
    public Builder port(int port) {
      server.port(port);
      return this;
    }

    /**
     * Accepts the keys of {@code file} (reread whenever it changes) and those of {@link
     * #API_KEYS_VARIABLE} in {@code env}; without this call the service runs without
     * authentication.
     *
     * @throws ApiKeyFile.KeyFileException when the file exists but cannot be read
     */
    public Builder apiKeys(ApiKeyFile file, Map<String, String> env) {
      apiKeys =
          ApiKeyVerifier.anyOf(
              List.of(file.verifier(), EnvApiKeys.parse(env.get(API_KEYS_VARIABLE))));
      server.apiKeys(apiKeys);
      return this;
    }

    /** Whether {@link #apiKeys} found at least one key; the service refuses to start without. */
    public boolean hasApiKeys() {
      return apiKeys != null && apiKeys.hasKeys();
    }

    /**
     * Each API key's sustained request rate, with bursts of twice as many.
     *
     * @throws IllegalArgumentException when below 1
     */
    public Builder requestsPerSecond(int requestsPerSecond) {
      server.rateLimit(new RateLimit(requestsPerSecond, 2 * requestsPerSecond));
      return this;
    }

    /**
     * @throws IllegalArgumentException for a bad port, keys asked for but none found, or no
     *     authentication on an address other than loopback
     */
    public ServiceSettings build() {
      return new ServiceSettings(server.build());
    }
  }
}
