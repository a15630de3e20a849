package dev.gcjobs.server;

import static dev.gcjobs.server.ExportRoutesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class OperationsRoutesTest {
  @TempDir Path stateDir;

  @Test
  void readyWhenTheStoreAndTheTokenAreBothThere() {
    try (RunningService service = new RunningService(stateDir)) {
      HttpResponse<String> response = service.client(null).get("/health/ready");

      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode body = json(response);
      assertThat(body.get("status").asText()).isEqualTo("UP");
      assertThat(body.at("/checks/store").asBoolean()).isTrue();
      assertThat(body.at("/checks/token").asBoolean()).isTrue();
    }
  }

  @Test
  void notReadyNamesTheCheckThatFailed() {
    try (RunningService service =
        new RunningService(
            stateDir,
            UnaryOperator.identity(),
            new HealthChecks(
                () -> true,
                () -> {
                  throw new IllegalStateException("login refused");
                }))) {
      HttpResponse<String> response = service.client(null).get("/health/ready");

      assertThat(response.statusCode()).isEqualTo(503);
      JsonNode body = json(response);
      assertThat(body.get("status").asText()).isEqualTo("DOWN");
      assertThat(body.at("/checks/store").asBoolean()).isTrue();
      assertThat(body.at("/checks/token").asBoolean()).isFalse();
      assertThat(response.body()).doesNotContain("login refused");
    }
  }

  @Test
  void aHangingCheckCountsAsNotReadyInsteadOfHangingTheProbe() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    try (RunningService service =
        new RunningService(
            stateDir,
            s -> s.healthTimeout(Duration.ofMillis(200)),
            new HealthChecks(
                () -> {
                  try {
                    return release.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    return false;
                  }
                },
                () -> true))) {
      HttpResponse<String> first = service.client(null).get("/health/ready");
      HttpResponse<String> second = service.client(null).get("/health/ready");

      assertThat(first.statusCode()).isEqualTo(503);
      assertThat(json(second).at("/checks/store").asBoolean()).isFalse();
    } finally {
      release.countDown();
    }
  }

  @Test
  void liveAnswersWithoutAsking() {
    try (RunningService service = new RunningService(stateDir)) {
      assertThat(json(service.client(null).get("/health/live")).get("status").asText())
          .isEqualTo("UP");
    }
  }

  @Test
  void metricsCountRequestsByRouteTemplateNotByRawPath() {
    try (RunningService service = new RunningService(stateDir)) {
      service.client.get("/v1/exports/missing-1");
      service.client.get("/v1/exports/missing-2");

      HttpResponse<String> metrics = service.client.get("/metrics");

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(metrics.body())
          .contains(
              "gcjobs_http_requests_seconds_count{method=\"GET\",route=\"/v1/exports/{id}\",status=\"404\"} 2")
          .doesNotContain("missing-1");
    }
  }
}
