package dev.gcjobs.app;

import dev.gcjobs.engine.Engine;
import dev.gcjobs.engine.EngineSettings;
import dev.gcjobs.server.HealthChecks;
import dev.gcjobs.server.ServerSettings;
import dev.gcjobs.server.ServiceApp;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code gcjobs serve}'s object graph, built and started: the engine's workers over the store, and
 * the HTTP service over the engine's API. {@link #close()} stops them in order and closes the
 * store.
 */
public final class Service implements AutoCloseable {
  private final ExportStore store;
  private final Engine engine;
  private final ServiceApp app;

  private Service(ExportStore store, Engine engine, ServiceApp app) {
    this.store = store;
    this.engine = engine;
    this.app = app;
  }

  /**
   * Starts the engine's workers and the HTTP service. On failure nothing is left running, and the
   * store is closed.
   *
   * @param store the opened store; the service owns it from here
   * @param genesys the Genesys org the engine reads
   * @throws IllegalStateException when the service cannot listen on its address
   */
  public static Service start(
      ExportStore store,
      GenesysConnection genesys,
      EngineSettings engineSettings,
      ServerSettings serverSettings,
      PrometheusMeterRegistry registry) {
    Engine engine = null;
    try {
      engine = store.engine(genesys, engineSettings);
      engine.start();
      HealthChecks health =
          new HealthChecks(
              store::answers,
              () -> {
                genesys.logIn();
                return true;
              });
      ServiceApp app =
          ServiceApp.create(engine.exports(), health, registry, serverSettings).start();
      return new Service(store, engine, app);
    } catch (RuntimeException e) {
      if (engine != null) {
        engine.close();
      }
      store.close();
      throw e;
    }
  }

  /** Where the service listens, e.g. {@code http://127.0.0.1:8080}. */
  public String baseUrl() {
    return app.baseUrl();
  }

  /** The HTTP service, for tests that need its port or routes. */
  public ServiceApp app() {
    return app;
  }

  /** Stops accepting and waits for requests in flight, then the engine, then the store. */
  @Override
  public void close() {
    try {
      app.close();
      engine.close();
    } finally {
      store.close();
    }
  }
}
