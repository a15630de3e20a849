package dev.gcjobs.cli;

import dev.gcjobs.app.ApiKeyFile;
import dev.gcjobs.app.ExportStore;
import dev.gcjobs.app.GenesysConnection;
import dev.gcjobs.app.Service;
import dev.gcjobs.app.ServiceSettings;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.genesys.GenesysAuthException;
import dev.gcjobs.genesys.GenesysException;
import dev.gcjobs.store.StoreException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gcjobs serve}: the HTTP service for Data Actions, flows and apps, in front of the engine,
 * until Ctrl-C or SIGTERM. Stopping lets requests in flight finish, then the engine's workers
 * finish their steps; every export continues when the service starts again.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the export service: POST /v1/exports, GET /v1/exports/{id}[/summary|/records|/download],"
          + " DELETE /v1/exports/{id}, /v1/syncs (into the --destination tables), GET /v1/data-actions, /health/live, /health/ready, /metrics,"
          + " /openapi.json. Requests need an API key (gcjobs keys add, or $"
          + ServiceSettings.API_KEYS_VARIABLE
          + ") unless --insecure-no-auth.",
      "Exit codes: 0 stopped, 1 could not start (port in use, ...), 2 bad flags or no API key,"
          + " 3 authentication with Genesys failed."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "" + ServiceSettings.DEFAULT_PORT,
      description = "Port to listen on; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = ServiceSettings.DEFAULT_HOST,
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String bind;

  @Mixin KeysFileOption keysFile;

  @Option(
      names = "--insecure-no-auth",
      description =
          "Accept requests without an API key. For trying the service on this machine only: it"
              + " then listens on loopback alone.")
  boolean insecureNoAuth;

  @Option(
      names = "--rate-limit",
      paramLabel = "N",
      description =
          "Requests a second each API key may make (default "
              + ServiceSettings.DEFAULT_REQUESTS_PER_SECOND
              + "; bursts of twice as many).")
  Integer rateLimit;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Engine worker threads: chunks running at once over all exports (default 4).")
  Integer workers;

  @Option(
      names = "--destination",
      paramLabel = "NAME=DEST",
      description =
          "Repeatable. A table destination API callers may sync or export into by NAME"
              + " (POST /v1/syncs, POST /v1/exports):"
              + " DEST as gcjobs sync --to takes it (FILE.duckdb, duckdb:PATH,"
              + " jdbc:postgresql://HOST:PORT/DB; the PostgreSQL login from GCJOBS_PG_USER,"
              + " GCJOBS_PG_PASSWORD). Also from $"
              + ServiceSettings.DESTINATIONS_VARIABLE
              + " (NAME=DEST,NAME=DEST); a flag wins over a variable of the same NAME.")
  List<String> destinations = new ArrayList<>();

  @Mixin GenesysOptions genesys;
  @Mixin StoreOptions store;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Service running;
    try {
      running = start(System.getenv());
    } catch (UsageException e) {
      err.println("gcjobs serve: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (GenesysAuthException e) {
      err.println("gcjobs serve: " + e.getMessage());
      return ExitCode.AUTHENTICATION;
    } catch (GenesysException e) {
      // Configuration (region, credentials, rates) is checked before anything is sent.
      err.println("gcjobs serve: " + e.getMessage());
      return e.status() == 0 && !e.isTransient() ? ExitCode.USAGE : ExitCode.FAILURE;
    } catch (StoreException e) {
      err.println("gcjobs serve: " + StoreOptions.describe(e));
      return ExitCode.USAGE;
    } catch (IllegalStateException e) {
      err.println("gcjobs serve: cannot start: " + e.getMessage() + " (--bind, --port)");
      return ExitCode.FAILURE;
    }
    err.println("gcjobs serve: listening on " + running.baseUrl() + " (Ctrl-C stops)");
    err.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                },
                "gcjobs-serve-shutdown"));
    stopped.await();
    return ExitCode.OK;
  }

  /** Bad flags or configuration, reported as one line with exit code 2. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Opens the store, connects to Genesys (or starts the emulator), starts the engine's workers and
   * the HTTP service: the construction point of {@code gcjobs serve}.
   *
   * @throws UsageException for bad flags or when no API key is configured
   */
  Service start(Map<String, String> env) {
    Path stateDir = store.stateDir();
    ServiceSettings.Builder settings = ServiceSettings.builder(stateDir).host(bind).port(port);
    authentication(settings, stateDir, env);
    try {
      settings.destinations(destinations, env);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--destination: " + e.getMessage());
    }
    if (rateLimit != null) {
      if (rateLimit < 1) {
        throw new UsageException("--rate-limit must be at least 1 request a second");
      }
      settings.requestsPerSecond(rateLimit);
    }
    ServiceSettings serviceSettings;
    try {
      serviceSettings = settings.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    PrometheusMeterRegistry registry = Service.meterRegistry();
    GenesysConnection connection = genesys.connect(registry);
    try {
      ExportStore db = store.open();
      EngineSettings engineSettings = db.defaultEngineSettings();
      if (workers != null) {
        engineSettings = engineSettings.withWorkers(workers);
      }
      return Service.start(db, connection, engineSettings, serviceSettings, registry);
    } catch (RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /** The API keys to accept, unless {@code --insecure-no-auth} on loopback asks for none. */
  private void authentication(
      ServiceSettings.Builder settings, Path stateDir, Map<String, String> env) {
    if (insecureNoAuth) {
      if (!ServiceSettings.isLoopback(bind)) {
        throw new UsageException(
            "--insecure-no-auth listens on loopback only (127.0.0.1 or ::1), not --bind " + bind);
      }
      return;
    }
    ApiKeyFile file = ApiKeyFile.at(keysFile.resolve(stateDir, env));
    try {
      settings.apiKeys(file, env);
    } catch (ApiKeyFile.KeyFileException e) {
      throw new UsageException(e.getMessage());
    }
    if (!settings.hasApiKeys()) {
      throw new UsageException(
          "no API key is configured (none in "
              + file.path()
              + ", $"
              + ServiceSettings.API_KEYS_VARIABLE
              + " unset): add one with `gcjobs keys add NAME`, set $"
              + ServiceSettings.API_KEYS_VARIABLE
              + ", or try the service on this machine alone with --insecure-no-auth");
    }
  }
}
