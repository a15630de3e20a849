package dev.gcjobs.server;

import dev.gcjobs.store.Database;
import dev.gcjobs.sync.SyncDestinations;
import dev.gcjobs.sync.SyncScheduler;
import dev.gcjobs.sync.Syncs;
import dev.gcjobs.tables.TableTarget;
import dev.gcjobs.testing.TestClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A service on an ephemeral loopback port over the in-memory engine, with one API key, and syncs
 * stored in H2 into one DuckDB destination named {@value #DESTINATION} (their scheduler not
 * started: no cycle runs).
 */
final class RunningService implements AutoCloseable {
  static final String KEY = "test-key-0123456789";
  static final String DESTINATION = "warehouse";

  final TestClock clock = TestClock.at(Instant.parse("2024-03-01T12:00:00Z"));
  final InMemoryExportService exports = new InMemoryExportService(clock);
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final Database db;
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
    db = Database.open(Database.h2FileUrl(stateDir.resolve("store")));
    TableTarget target =
        TableTarget.parse(stateDir.resolve("copy.duckdb").toString(), null, Map.of());
    SyncDestinations destinations =
        new SyncDestinations(
            List.of(new SyncDestinations.Destination(DESTINATION, target.toString(), target)));
    Syncs syncs =
        new Syncs(
            db.syncs(),
            exports,
            destinations::target,
            stateDir.resolve("syncs"),
            clock,
            () -> 0,
            "test");
    SyncScheduler scheduler = new SyncScheduler(syncs, destinations, registry, clock, 1);
    app =
        ServiceApp.create(exports, scheduler, health, registry, settings.apply(builder).build())
            .start();
    client = new TestClient(app.baseUrl(), KEY);
  }

  TestClient client(String key) {
    return new TestClient(app.baseUrl(), key);
  }

  @Override
  public void close() {
    app.close();
    db.close();
  }
}
