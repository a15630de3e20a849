package dev.gcjobs.server;

import static dev.gcjobs.server.ExportRoutesTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.app.ApiKeyFile;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class AccessTest {
  @TempDir Path stateDir;

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRequestWithoutAKeyIsUnauthorizedWithAChallenge() {
    try (RunningService service = new RunningService(stateDir)) {
      HttpResponse<String> response = service.client(null).get("/v1/exports");

      assertError(response, 401, "unauthorized", null);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).contains("Bearer").contains("Basic"));
    }
  }

  @Test
  void aWrongKeyOrSchemeIsUnauthorized() {
    try (RunningService service = new RunningService(stateDir)) {
      assertError(service.client("wrong").get("/v1/exports"), 401, "unauthorized", null);
      assertError(
          service.client.get("/v1/exports", "Authorization", "Digest abc"),
          401,
          "unauthorized",
          null);
      assertError(
          service.client.get("/v1/exports", "Authorization", "Basic %%%"),
          401,
          "unauthorized",
          null);
      assertError(
          service.client.get("/v1/exports", "Authorization", basic("user", "wrong")),
          401,
          "unauthorized",
          null);
    }
  }

  @Test
  void theKeyWorksAsBearerOrAsBasicPasswordWithAnyUser() {
    try (RunningService service = new RunningService(stateDir)) {
      assertThat(service.client.get("/v1/exports").statusCode()).isEqualTo(200);
      assertThat(
              service
                  .client
                  .get("/v1/exports", "Authorization", basic("genesys", RunningService.KEY))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              service
                  .client
                  .get("/v1/exports", "Authorization", basic("", RunningService.KEY))
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void healthIsOpenAndEverythingElseNeedsAKey() {
    try (RunningService service = new RunningService(stateDir)) {
      TestClient anonymous = service.client(null);
      assertThat(anonymous.get("/health/live").statusCode()).isEqualTo(200);
      assertThat(anonymous.get("/health/ready").statusCode()).isEqualTo(200);
      for (String path :
          List.of("/metrics", "/openapi.json", "/v1/data-actions", "/v1/exports/x", "/nothing")) {
        assertThat(anonymous.get(path).statusCode()).as(path).isEqualTo(401);
      }
    }
  }

  @Test
  void keysFromTheKeyFileWorkAndARevokedKeyStopsAtOnce() {
    ApiKeyFile file = ApiKeyFile.at(stateDir.resolve("keys.json"));
    ApiKeyFile.NewKey flow = file.add("architect", Instant.parse("2024-01-01T00:00:00Z"));
    ApiKeyFile.NewKey other = file.add("scripts", Instant.parse("2024-01-02T00:00:00Z"));
    try (RunningService service =
        new RunningService(stateDir, s -> s.apiKeys(file.verifier()), HealthChecks.alwaysReady())) {
      assertThat(service.client(flow.key()).get("/v1/exports").statusCode()).isEqualTo(200);

      file.revoke(flow.id());

      assertThat(service.client(flow.key()).get("/v1/exports").statusCode()).isEqualTo(401);
      assertThat(service.client(other.key()).get("/v1/exports").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void eachKeyHasItsOwnRateLimitAnd429SaysWhenToRetry() {
    try (RunningService service =
        new RunningService(
            stateDir,
            s -> s.apiKeys(EnvApiKeys.parse("key-a,key-b")).rateLimit(new RateLimit(1, 2)),
            HealthChecks.alwaysReady())) {
      TestClient a = service.client("key-a");
      assertThat(a.get("/v1/exports").statusCode()).isEqualTo(200);
      assertThat(a.get("/v1/exports").statusCode()).isEqualTo(200);

      HttpResponse<String> limited = a.get("/v1/exports");

      assertError(limited, 429, "rate_limited", null);
      assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(service.client("key-b").get("/v1/exports").statusCode()).isEqualTo(200);
      service.clock.advance(Duration.ofSeconds(1));
      assertThat(a.get("/v1/exports").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aBodyOverTheLimitIsTooLarge() {
    try (RunningService service =
        new RunningService(stateDir, s -> s.maxBodyBytes(100), HealthChecks.alwaysReady())) {
      String big =
          "{\"interval\": \"2024-01-01/2024-01-02\", \"zone\": \"" + "x".repeat(200) + "\"}";

      assertError(service.client.post("/v1/exports", big), 413, "body_too_large", null);
    }
  }

  @Test
  void withoutAuthenticationTheServiceListensOnLoopbackOnly() {
    assertThatThrownBy(() -> ServerSettings.builder(stateDir).host("0.0.0.0").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
    assertThat(ServerSettings.builder(stateDir).host("127.0.0.1").build().apiKeys()).isNull();
    assertThat(ServerSettings.builder(stateDir).host("::1").build().apiKeys()).isNull();
  }

  @Test
  void configuredButEmptyKeysRefuseToStart() {
    assertThatThrownBy(
            () -> ServerSettings.builder(stateDir).apiKeys(EnvApiKeys.parse(" , ")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys add");
  }

  @Test
  void withoutAuthenticationRequestsNeedNoKey() {
    try (RunningService service =
        new RunningService(stateDir, s -> s.apiKeys(null), HealthChecks.alwaysReady())) {
      assertThat(service.client(null).get("/v1/exports").statusCode()).isEqualTo(200);
    }
  }
}
