package dev.gcjobs.server;

import dev.gcjobs.testing.TestClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** A service on an ephemeral loopback port over the in-memory engine, with one API key. */
final class RunningService implements AutoCloseable {
  static final String KEY = "test-key-0123456789";

  final TestClock clock = TestClock.at(Instant.parse("2024-03-01T12:00:00Z"));
  final InMemoryExportService exports = new InMemoryExportService(clock);
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final ServiceApp app;
  final TestClient client;
  final Path stateDir;

  RunningService(Path stateDir) {
    this(stateDir, UnaryOperator.identity(), HealthChecks.alwaysReady());
  }

  RunningService(
      Path stateDir, UnaryOperator<ServerSettings.Builder> settings, HealthChecks health) {
    this.stateDir = stateDir;
    ServerSettings.Builder builder =
        ServerSettings.builder(stateDir)
            .port(0)
            .clock(clock)
            .apiKeys(EnvApiKeys.parse(KEY))
            .rateLimit(new RateLimit(10_000, 10_000));
    app = ServiceApp.create(exports, health, registry, settings.apply(builder).build()).start();
    client = new TestClient(app.baseUrl(), KEY);
  }

  TestClient client(String key) {
    return new TestClient(app.baseUrl(), key);
  }

  @Override
  public void close() {
    app.close();
  }
}
