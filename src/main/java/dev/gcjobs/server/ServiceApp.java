package dev.gcjobs.server;

import dev.gcjobs.engine.ExportService;
import dev.gcjobs.sync.ExportLoads;
import dev.gcjobs.sync.SyncScheduler;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.util.JavalinBindException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gcjobs HTTP service: the export API under {@code /v1}, health, metrics, OpenAPI and Data
 * Action definitions, in front of an {@link ExportService}.
 *
 * <pre>{@code
 * ServiceApp app = ServiceApp.create(engine, health, registry, settings).start();
 * ...
 * app.close();    // stops accepting, lets requests in flight finish
 * engine.close(); // then the engine (not owned by the app)
 * }</pre>
 *
 * Thread-safe. The app does not own the export service: close it after the app.
 */
public final class ServiceApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceApp.class);

  /** Idle connections hold no request, so a stop need not wait long for them. */
  private static final Duration SHUTDOWN_IDLE_TIMEOUT = Duration.ofMillis(100);

  private final ServerSettings settings;
  private final Javalin javalin;
  private final ReadinessProbe readiness;
  private final List<RouteTable.Route> routes;

  private ServiceApp(
      ExportService exports,
      SyncScheduler syncs,
      ExportLoads loads,
      HealthChecks health,
      PrometheusMeterRegistry registry,
      ServerSettings settings) {
    this.settings = settings;
    this.readiness = new ReadinessProbe(health, settings.healthTimeout());
    CursorCodec cursors = CursorCodec.forStateDir(settings.stateDir());
    createOutputDir(settings);
    AccessGate gate = new AccessGate(settings.apiKeys(), settings.rateLimit(), settings.clock());
    HttpMetrics metrics = new HttpMetrics(registry);
    RouteTable[] table = new RouteTable[1];
    this.javalin =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              // Only downloads are compressed, by the route, so NDJSON is never compressed twice.
              cfg.http.compressionStrategy = CompressionStrategy.NONE;
              cfg.http.maxRequestSize = settings.maxBodyBytes();
              cfg.http.prefer405over404 = true;
              // Jetty's per-connection cache of parsed header fields is large for every keep-alive
              // connection, and under many clients its heap and GC pauses cost far more than
              // parsing a few header strings (docs/benchmarks.md, "HTTP service latency").
              cfg.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
              cfg.jetty.modifyServer(
                  server -> {
                    // Javalin puts its handlers inside this one; a stop then waits for requests.
                    GracefulHandler graceful = new GracefulHandler();
                    // Idle keep-alive connections close this soon once a stop begins.
                    graceful.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT.toMillis());
                    server.setHandler(graceful);
                    server.setStopTimeout(settings.stopTimeout().toMillis());
                    server.setErrorHandler(new JettyErrorBodies());
                  });
              cfg.requestLogger.http(metrics::record);
              cfg.routes.before(
                  ctx -> {
                    RequestIds.assign(ctx);
                    gate.check(ctx);
                  });
              ErrorMapping.register(cfg.routes);
              RouteTable routeTable = new RouteTable(cfg.routes);
              new ExportRoutes(
                      exports,
                      loads,
                      settings.outputDir(),
                      settings.maxBodyBytes(),
                      cursors,
                      settings.clock())
                  .register(routeTable);
              new OutputRoutes(exports, cursors).register(routeTable);
              if (syncs != null) {
                new SyncRoutes(syncs, settings.maxBodyBytes(), settings.clock())
                    .register(routeTable);
              }
              new DataActionRoute().register(routeTable);
              new OperationsRoutes(readiness, registry).register(routeTable);
              table[0] = routeTable;
            });
    this.routes = table[0].routes();
  }

  private static void createOutputDir(ServerSettings settings) {
    try {
      Files.createDirectories(settings.outputDir());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the output directory " + settings.outputDir() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Builds the service without syncs; {@link #start()} listens.
   *
   * @param exports the engine (or any {@link ExportService})
   * @param health what {@code /health/ready} checks
   * @param registry where request metrics go and what {@code /metrics} shows
   * @param settings address, keys, limits, state directory
   * @throws UncheckedIOException when the state directory cannot be prepared
   */
  public static ServiceApp create(
      ExportService exports,
      HealthChecks health,
      PrometheusMeterRegistry registry,
      ServerSettings settings) {
    return create(exports, null, null, health, registry, settings);
  }

  /**
   * Builds the service with the sync routes too ({@code /v1/syncs}); {@link #start()} listens.
   *
   * @param syncs the syncs' scheduler, which the routes define syncs for and ask to reconcile; null
   *     for a service without syncs. Not owned by the app: close it after the app.
   */
  public static ServiceApp create(
      ExportService exports,
      SyncScheduler syncs,
      HealthChecks health,
      PrometheusMeterRegistry registry,
      ServerSettings settings) {
    return create(exports, syncs, null, health, registry, settings);
  }

  /**
   * Builds the service with the sync routes and exports into table destinations ({@code
   * "destination"} in {@code POST /v1/exports}); {@link #start()} listens.
   *
   * @param loads where exports asking for a table destination are loaded; null for a service
   *     without table destinations. Not owned by the app: close it after the app.
   */
  public static ServiceApp create(
      ExportService exports,
      SyncScheduler syncs,
      ExportLoads loads,
      HealthChecks health,
      PrometheusMeterRegistry registry,
      ServerSettings settings) {
    return new ServiceApp(
        Objects.requireNonNull(exports, "exports"),
        syncs,
        loads,
        Objects.requireNonNull(health, "health"),
        Objects.requireNonNull(registry, "registry"),
        Objects.requireNonNull(settings, "settings"));
  }

  /**
   * Listens on the configured address.
   *
   * @throws IllegalStateException when the address cannot be bound (port in use, say)
   */
  public ServiceApp start() {
    try {
      javalin.start(settings.host(), settings.port());
    } catch (JavalinBindException e) {
      throw new IllegalStateException(
          "cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + " (is the port in use? choose another)",
          e);
    }
    log.info(
        "gcjobs service listening on {}{}",
        baseUrl(),
        settings.apiKeys() == null ? " WITHOUT authentication (loopback only)" : "");
    return this;
  }

  /** The port listened on (the chosen one when the settings asked for 0). */
  public int port() {
    return javalin.port();
  }

  /** {@code http://HOST:PORT}, with a wildcard address reported as 127.0.0.1. */
  public String baseUrl() {
    String host = settings.host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** Every route the service answers, as registered (the OpenAPI document must match). */
  public List<String> routes() {
    return routes.stream().map(r -> r.method() + " " + r.path()).toList();
  }

  /**
   * Stops accepting connections, waits up to {@link ServerSettings#stopTimeout()} for requests in
   * flight, then stops. The export service stays open: close it next.
   */
  @Override
  public void close() {
    javalin.stop();
    readiness.close();
    log.info("gcjobs service stopped");
  }
}
