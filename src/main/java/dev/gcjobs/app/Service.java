package dev.gcjobs.app;

import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.server.HealthChecks;
import dev.gcjobs.server.ServiceApp;
import dev.gcjobs.sync.ExportLoads;
import dev.gcjobs.sync.SyncScheduler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * {@code gcjobs serve}'s object graph, built and started: the engine's workers over the store, and
 * the HTTP service over the engine's API. {@link #close()} stops them in order and closes the store
 * and the Genesys connection.
 */
public final class Service implements AutoCloseable {
  private final ExportStore store;
  private final GenesysConnection genesys;
  private final Engine engine;
  private final SyncScheduler syncs;
  private final ExportLoads loads;
  private final ServiceApp app;

  private Service(
      ExportStore store,
      GenesysConnection genesys,
      Engine engine,
      SyncScheduler syncs,
      ExportLoads loads,
      ServiceApp app) {
    this.store = store;
    this.genesys = genesys;
    this.engine = engine;
    this.syncs = syncs;
    this.loads = loads;
    this.app = app;
  }

  /**
   * Where the service's metrics go ({@code /metrics}), with the JVM's own; give it to the Genesys
   * connection too, so its calls show there.
   */
  public static PrometheusMeterRegistry meterRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /**
   * Starts the engine's workers, the syncs' scheduler, the loads of exports into the named
   * destinations and the HTTP service. On failure nothing is left running, and the store is closed;
   * the connection is still the caller's to close.
   *
   * @param store the opened store; the service owns it from here
   * @param genesys the Genesys org the engine reads; the service closes it when it closes
   * @param registry from {@link #meterRegistry()}
   * @throws IllegalStateException when the service cannot listen on its address
   */
  public static Service start(
      ExportStore store,
      GenesysConnection genesys,
      EngineSettings engineSettings,
      ServiceSettings settings,
      PrometheusMeterRegistry registry) {
    Engine engine = null;
    SyncScheduler syncs = null;
    ExportLoads loads = null;
    try {
      engine = store.engine(genesys, engineSettings);
      engine.start();
      syncs =
          new SyncScheduler(
                  store.serviceSyncs(engine, settings.destinations(), () -> requests(registry)),
                  settings.destinations(),
                  registry,
                  Clock.systemUTC(),
                  SyncScheduler.DEFAULT_THREADS)
              .start();
      loads = store.exportLoads(engine, settings.destinations()).start();
      HealthChecks health =
          new HealthChecks(
              store::answers,
              () -> {
                genesys.logIn();
                return true;
              });
      ServiceApp app =
          ServiceApp.create(engine.exports(), syncs, loads, health, registry, settings.server())
              .start();
      return new Service(store, genesys, engine, syncs, loads, app);
    } catch (RuntimeException e) {
      if (loads != null) {
        loads.close();
      }
      if (syncs != null) {
        syncs.close();
      }
      if (engine != null) {
        engine.close();
      }
      store.close();
      throw e;
    }
  }

  /** The Genesys requests made so far, read from the client's meters: each cycle counts its own. */
  private static long requests(MeterRegistry registry) {
    return registry.find("genesys.requests").timers().stream().mapToLong(Timer::count).sum();
  }

  /** Where the service listens, e.g. {@code http://127.0.0.1:8080}. */
  public String baseUrl() {
    return app.baseUrl();
  }

  /**
   * Stops accepting and waits for requests in flight, then the syncs' cycles (each stays resumable)
   * and the loads of exports (each stays pending), then the engine, then the store and the Genesys
   * connection (and its emulator).
   */
  @Override
  public void close() {
    try {
      app.close();
      syncs.close();
      loads.close();
      engine.close();
    } finally {
      try {
        store.close();
      } finally {
        genesys.close();
      }
    }
  }
}
