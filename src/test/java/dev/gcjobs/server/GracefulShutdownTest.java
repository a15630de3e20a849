package dev.gcjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.ExportListing;
import dev.gcjobs.engine.ExportRequest;
import dev.gcjobs.engine.ExportService;
import dev.gcjobs.engine.ExportStatus;
import dev.gcjobs.sink.SavedPart;
import dev.gcjobs.testing.TestClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class GracefulShutdownTest {
  @TempDir Path stateDir;

  /** An engine whose lookups wait until the test lets them go. */
  static final class SlowLookups implements ExportService {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final InMemoryExportService delegate =
        new InMemoryExportService(TestClock.at(Instant.parse("2024-03-01T00:00:00Z")));

    @Override
    public Optional<Instant> dataAvailability(ExportKind kind) {
      return delegate.dataAvailability(kind);
    }

    @Override
    public ExportStatus submit(ExportRequest request, String idempotencyKey) {
      return delegate.submit(request, idempotencyKey);
    }

    @Override
    public Optional<ExportStatus> find(String exportId) {
      entered.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delegate.find(exportId);
    }

    @Override
    public ExportListing list(ExportStatus.State state, int limit, String cursor) {
      return delegate.list(state, limit, cursor);
    }

    @Override
    public Optional<ExportStatus> cancel(String exportId) {
      return delegate.cancel(exportId);
    }

    @Override
    public Optional<Path> output(String exportId) {
      return delegate.output(exportId);
    }

    @Override
    public List<SavedPart> savedParts(String exportId) {
      return delegate.savedParts(exportId);
    }
  }

  private static boolean refused(Runnable call) {
    try {
      call.run();
      return false;
    } catch (UncheckedIOException e) {
      return true;
    }
  }

  @Test
  void aStopLetsTheRequestInFlightFinishAndThenRefusesNewOnes() throws Exception {
    SlowLookups engine = new SlowLookups();
    ServiceApp app =
        ServiceApp.create(
                engine,
                HealthChecks.alwaysReady(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                ServerSettings.builder(stateDir)
                    .port(0)
                    .apiKeys(EnvApiKeys.parse(RunningService.KEY))
                    .build())
            .start();
    TestClient client = new TestClient(app.baseUrl(), RunningService.KEY);
    String id =
        ExportRoutesTest.json(client.post("/v1/exports", ExportRoutesTest.BODY)).get("id").asText();

    CompletableFuture<HttpResponse<String>> inFlight =
        CompletableFuture.supplyAsync(() -> client.get("/v1/exports/" + id));
    assertThat(engine.entered.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
    // The stop has begun once new connections are refused ...
    await().atMost(Duration.ofSeconds(10)).until(() -> refused(() -> client.get("/health/live")));
    // ... and it waits for the request the engine still holds.
    assertThat(stopping).isNotDone();
    engine.release.countDown();

    assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    stopping.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> client.get("/health/live")).isInstanceOf(UncheckedIOException.class);
  }
}
