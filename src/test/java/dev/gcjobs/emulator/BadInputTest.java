package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.testing.TestClock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("emulator")
class BadInputTest {
  private static final String JOBS = "/api/v2/analytics/conversations/details/jobs";

  private final TestClock clock = TestClock.at(TestEmulators.NOW);
  private Emulator emulator;
  private EmulatorHttp http;

  @BeforeEach
  void start() {
    emulator = TestEmulators.start(clock, b -> b.maxBodyBytes(4096));
    http = new EmulatorHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  /** Asserts a complete Genesys ErrorBody whose contextId is the answer's correlation id. */
  private static JsonNode errorBody(HttpResponse<String> answer, int status, String code) {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    JsonNode body = json(answer);
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("code").asText()).isEqualTo(code);
    assertThat(body.path("message").asText()).isNotBlank().doesNotContain("Exception", "\tat ");
    assertThat(body.path("contextId").asText())
        .isEqualTo(answer.headers().firstValue("ININ-Correlation-Id").orElseThrow());
    assertThat(body.path("details").isArray()).isTrue();
    assertThat(body.path("errors").isArray()).isTrue();
    return body;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        JOBS,
        "/api/v2/analytics/users/details/jobs",
        "/api/v2/analytics/conversations/details/query"
      })
  void malformedJsonIsABadRequestSayingWhere(String path) {
    JsonNode body = errorBody(http.post(path, "{\"interval\": "), 400, "bad.request");

    assertThat(body.path("message").asText()).contains("not valid JSON", "line 1");
  }

  @Test
  void aBodyThatIsNotAnObjectIsABadRequest() {
    errorBody(http.post(JOBS, "[1, 2]"), 400, "bad.request");
    errorBody(http.post(JOBS, "\"interval\""), 400, "bad.request");
  }

  @Test
  void anEmptyBodyIsABadRequestSayingWhatIsExpected() {
    JsonNode body = errorBody(http.post(JOBS, ""), 400, "bad.request");

    assertThat(body.path("message").asText()).contains("AsyncConversationQuery");
  }

  @Test
  void aMissingWronglyTypedOrReversedIntervalIsABadRequestNamingIt() {
    for (String query :
        new String[] {
          "{}",
          "{\"interval\": 5}",
          "{\"interval\": \"yesterday\"}",
          "{\"interval\": \"2024-05-02T00:00:00Z/2024-05-01T00:00:00Z\"}"
        }) {
      JsonNode body = errorBody(http.post(JOBS, query), 400, "bad.request");
      assertThat(body.path("message").asText()).as(query).contains("interval");
    }
  }

  @Test
  void aNonJsonContentTypeIsUnsupported() {
    HttpResponse<String> answer =
        http.send(
            http.authorized(JOBS)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(TestEmulators.DAY_QUERY)));

    JsonNode body = errorBody(answer, 415, "unsupported.media.type");
    assertThat(body.path("message").asText()).contains("application/json");
  }

  @Test
  void anOversizedBodyIsTooLarge() {
    String big =
        "{\"interval\":\"2024-05-01T00:00:00Z/2024-05-02T00:00:00Z\",\"pad\":\""
            + "x".repeat(5000)
            + "\"}";

    JsonNode body = errorBody(http.post(JOBS, big), 413, "request.entity.too.large");

    assertThat(body.path("message").asText()).contains("4096");
  }

  @Test
  void anOversizedChunkedBodyIsTooLarge() {
    byte[] big = ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes();
    HttpResponse<String> answer =
        http.send(
            http.authorized(JOBS)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big))));

    errorBody(answer, 413, "request.entity.too.large");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v2/analytics/nothing",
        "/",
        "/api/v2/analytics/conversations/details/jobs/a/b/c"
      })
  void anUnknownRouteIsNotFound(String path) {
    JsonNode body = errorBody(http.get(path), 404, "not.found");

    assertThat(body.path("message").asText()).contains(path);
  }

  @Test
  void aKnownPathWithAnotherMethodIsNotFound() {
    HttpResponse<String> answer = http.send(http.authorized(JOBS + "/availability").DELETE());

    errorBody(answer, 404, "not.found");
  }
}
