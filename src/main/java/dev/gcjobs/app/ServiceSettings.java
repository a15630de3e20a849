package dev.gcjobs.app;

import dev.gcjobs.server.ApiKeyVerifier;
import dev.gcjobs.server.EnvApiKeys;
import dev.gcjobs.server.RateLimit;
import dev.gcjobs.server.ServerSettings;
import dev.gcjobs.sync.SyncDestinations;
import dev.gcjobs.tables.TableTarget;
import dev.gcjobs.tables.TablesException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  /** The environment variable of named sync destinations: {@code NAME=DEST,NAME=DEST}. */
  public static final String DESTINATIONS_VARIABLE = "GCJOBS_DESTINATIONS";

  private final ServerSettings server;
  private final SyncDestinations destinations;

  private ServiceSettings(ServerSettings server, SyncDestinations destinations) {
    this.server = server;
    this.destinations = destinations;
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

  /** The table destinations syncs and exports may write, by name. */
  SyncDestinations destinations() {
    return destinations;
  }

  /** Collects settings; not thread-safe. */
  public static final class Builder {
    private final ServerSettings.Builder server;
    private ApiKeyVerifier apiKeys;
    private SyncDestinations destinations = new SyncDestinations(List.of());

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
     * The table destinations API callers may sync and export into, by name: those of {@link
     * #DESTINATIONS_VARIABLE} in {@code env}, then {@code specs}, each {@code NAME=DEST} with DEST
     * as {@code gcjobs sync} takes it (a later one of the same name wins). The PostgreSQL login
     * comes from {@code env} ({@link TableTarget#PG_USER}, {@link TableTarget#PG_PASSWORD}).
     *
     * @throws IllegalArgumentException naming the destination at fault (never a password)
     */
    public Builder destinations(List<String> specs, Map<String, String> env) {
      List<String> all = new ArrayList<>();
      String variable = env.get(DESTINATIONS_VARIABLE);
      if (variable != null && !variable.isBlank()) {
        all.addAll(List.of(variable.split(",")));
      }
      all.addAll(specs);
      Map<String, SyncDestinations.Destination> named = new LinkedHashMap<>();
      for (String spec : all) {
        int eq = spec.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException(
              "'" + spec.strip() + "' is not NAME=DEST, e.g. warehouse=gc.duckdb");
        }
        String name = spec.substring(0, eq).strip();
        // Checked before DEST is read, so that a misplaced URL's settings are never shown.
        if (!SyncDestinations.NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "'" + name + "' is not a destination name: use 1 to 64 letters, digits, _ or -");
        }
        TableTarget target;
        try {
          target = TableTarget.parse(spec.substring(eq + 1).strip(), null, env);
        } catch (TablesException e) {
          throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
        named.put(name, new SyncDestinations.Destination(name, SyncSetup.name(target), target));
      }
      destinations = new SyncDestinations(List.copyOf(named.values()));
      return this;
    }

    /**
     * @throws IllegalArgumentException for a bad port, keys asked for but none found, or no
     *     authentication on an address other than loopback
     */
    public ServiceSettings build() {
      return new ServiceSettings(server.build(), destinations);
    }
  }
}
