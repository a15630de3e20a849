package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("emulator")
class OAuthTest {
  private final TestClock clock = TestClock.at(TestEmulators.NOW);
  private Emulator emulator;
  private EmulatorHttp http;

  @BeforeEach
  void start() {
    emulator = TestEmulators.start(clock, b -> b.tokenTtl(Duration.ofSeconds(600)));
    http = new EmulatorHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void theDemoClientGetsABearerTokenWithTheConfiguredLifetime() {
    assertThat(emulator.clientId()).isEqualTo(EmulatorConfig.DEFAULT_CLIENT_ID);
    assertThat(emulator.clientSecret()).isEqualTo(EmulatorConfig.DEFAULT_CLIENT_SECRET);

    HttpResponse<String> answer =
        http.login("gcjobs-demo", "gcjobs-demo-secret", "grant_type=client_credentials");

    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode body = json(answer);
    assertThat(body.path("access_token").asText()).hasSizeGreaterThan(20);
    assertThat(body.path("token_type").asText()).isEqualTo("bearer");
    assertThat(body.path("expires_in").asLong()).isEqualTo(600);
  }

  @Test
  void aWrongSecretOrUnknownClientIsAnInvalidClient() {
    for (HttpResponse<String> answer :
        new HttpResponse[] {
          http.login("gcjobs-demo", "wrong", "grant_type=client_credentials"),
          http.login("nobody", "gcjobs-demo-secret", "grant_type=client_credentials")
        }) {
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(json(answer).path("error").asText()).isEqualTo("invalid_client");
      assertThat(json(answer).path("description").asText()).isNotBlank();
      assertThat(answer.body()).doesNotContain("gcjobs-demo-secret");
    }
  }

  @Test
  void missingBasicCredentialsAreAnInvalidClient() {
    HttpResponse<String> answer =
        http.send(
            http.request("/oauth/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(json(answer).path("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void aMissingOrOtherGrantTypeIsAnOAuthBadRequest() {
    HttpResponse<String> missing = http.login("gcjobs-demo", "gcjobs-demo-secret", "");
    HttpResponse<String> other =
        http.login("gcjobs-demo", "gcjobs-demo-secret", "grant_type=password");

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).path("error").asText()).isEqualTo("invalid_request");
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(json(other).path("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void aJsonTokenRequestIsAnOAuthBadRequest() {
    HttpResponse<String> answer =
        http.send(
            http.request("/oauth/token")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"grant_type\":\"client_credentials\"}")));

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json(answer).path("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void configuredClientsReplaceTheDemoClient() {
    emulator.close();
    emulator = TestEmulators.start(clock, b -> b.client("acme", "s3cret").client("other", "x"));
    http = new EmulatorHttp(emulator);

    assertThat(http.login("acme", "s3cret", "grant_type=client_credentials").statusCode())
        .isEqualTo(200);
    assertThat(http.login("other", "x", "grant_type=client_credentials").statusCode())
        .isEqualTo(200);
    assertThat(
            http.login("gcjobs-demo", "gcjobs-demo-secret", "grant_type=client_credentials")
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void anApiCallWithoutBearerTokenIsAuthenticationRequired() {
    HttpResponse<String> answer =
        http.send(http.request("/api/v2/analytics/conversations/details/jobs/availability").GET());

    assertThat(answer.statusCode()).isEqualTo(401);
    JsonNode body = json(answer);
    assertThat(body.path("code").asText()).isEqualTo("authentication.required");
    assertThat(body.path("status").asInt()).isEqualTo(401);
    assertThat(body.path("contextId").asText())
        .isEqualTo(answer.headers().firstValue("ININ-Correlation-Id").orElseThrow());
  }

  @Test
  void anUnknownBearerTokenIsBadCredentials() {
    HttpResponse<String> answer =
        http.send(
            http.request("/api/v2/analytics/conversations/details/jobs/availability")
                .header("Authorization", "Bearer not-a-token")
                .GET());

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(json(answer).path("code").asText()).isEqualTo("bad.credentials");
    assertThat(json(answer).path("message").asText()).isEqualTo("Invalid login credentials.");
  }

  @Test
  void aTokenStopsWorkingWhenItExpires() {
    String path = "/api/v2/analytics/conversations/details/jobs/availability";
    assertThat(http.get(path).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(599));
    assertThat(http.get(path).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofSeconds(1));
    HttpResponse<String> expired = http.get(path);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(json(expired).path("code").asText()).isEqualTo("bad.credentials");
  }

  @Test
  void aRevokingProxyRefusesATokenSoonAfterItsFirstUseAsIfExpired() {
    emulator.close();
    emulator =
        TestEmulators.start(
            clock,
            b -> b.tokenTtl(Duration.ofHours(1)).tokenRevokedAfterUse(Duration.ofSeconds(5)));
    http = new EmulatorHttp(emulator);
    String path = "/api/v2/analytics/conversations/details/jobs/availability";
    String unused = http.tokenFor(emulator.clientId(), emulator.clientSecret());
    assertThat(http.get(path).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMillis(4_999));
    assertThat(http.get(path).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMillis(1));
    HttpResponse<String> revoked = http.get(path);
    HttpResponse<String> neverUsed =
        http.send(http.request(path).header("Authorization", "Bearer " + unused).GET());

    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(json(revoked).path("code").asText()).isEqualTo("bad.credentials");
    assertThat(json(revoked).path("message").asText()).isEqualTo("Invalid login credentials.");
    assertThat(neverUsed.statusCode()).as("the countdown starts at first use").isEqualTo(200);
  }
}
