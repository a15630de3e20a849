package dev.gcjobs.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.engine.ExportStatus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class ExportRoutesTest {
  static final String BODY =
      "{\"kind\": \"conversations\", \"interval\": \"2024-01-01/2024-01-02\","
          + " \"filters\": [\"mediaType=voice\"]}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path stateDir;
  RunningService service;

  @BeforeEach
  void start() {
    service = new RunningService(stateDir);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  static void assertError(HttpResponse<String> response, int status, String code, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode error = json(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception");
    if (field == null) {
      assertThat(error.has("field")).isFalse();
    } else {
      assertThat(error.get("field").asText()).isEqualTo(field);
    }
  }

  private String submit() {
    return json(service.client.post("/v1/exports", BODY)).get("id").asText();
  }

  @Test
  void aSubmitIsAcceptedWithItsLocationStatusUrlAndRetryAdvice() {
    HttpResponse<String> response = service.client.post("/v1/exports", BODY);

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = json(response);
    String id = body.get("id").asText();
    assertThat(response.headers().firstValue("Location")).hasValue("/v1/exports/" + id);
    assertThat(body.get("statusUrl").asText()).isEqualTo("/v1/exports/" + id);
    assertThat(body.get("state").asText()).isEqualTo("RUNNING");
    assertThat(body.get("retryAfterSeconds").asInt()).isEqualTo(3);
  }

  @Test
  void theEngineGetsTheParsedRequestWithAnOutputUnderTheStateDirectory() {
    String id = submit();

    var request = service.exports.request(id);
    assertThat(request.interval().toWireString())
        .isEqualTo("2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z");
    assertThat(request.query().toString()).contains("mediaType").contains("voice");
    assertThat(request.output().file())
        .isAbsolute()
        .startsWithRaw(stateDir.resolve("outputs").toAbsolutePath());
    assertThat(request.output().spec()).endsWith(".ndjson");
  }

  @Test
  void aDestinationIsRefusedByAServiceWithoutTableDestinationsAndNoExportStarts() {
    HttpResponse<String> response =
        service.client.post("/v1/exports", BODY.replace("{", "{\"destination\": \"warehouse\", "));

    assertError(response, 400, "invalid_request", "destination");
    assertThat(json(response).at("/error/message").asText()).contains("no table destinations");
    assertThat(json(service.client.get("/v1/exports")).get("exports")).isEmpty();
  }

  @Test
  void anExportWithoutADestinationShowsNone() {
    String id =
        json(service.client.post("/v1/exports", BODY.replace("{", "{\"destination\": null, ")))
            .get("id")
            .asText();

    assertThat(id).isEqualTo(submit());

    assertThat(json(service.client.get("/v1/exports/" + id)).get("destination").isNull()).isTrue();
  }

  @Test
  void theSameRequestSubmittedTwiceIsTheSameExport() {
    String first = submit();
    String second =
        json(service.client.post(
                "/v1/exports",
                "{\"filters\": [\"mediaType=voice\"], \"interval\": \"2024-01-01/2024-01-02\"}"))
            .get("id")
            .asText();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void aRetriedSubmitWithTheSameIdempotencyKeyReturnsTheSameExport() {
    HttpResponse<String> first =
        service.client.post("/v1/exports", BODY, "Idempotency-Key", "call-42");
    HttpResponse<String> retried =
        service.client.post("/v1/exports", BODY, "Idempotency-Key", "call-42");
    HttpResponse<String> reused =
        service.client.post(
            "/v1/exports",
            "{\"interval\": \"2024-02-01/2024-02-02\"}",
            "Idempotency-Key",
            "call-42");

    assertThat(json(retried).get("id").asText()).isEqualTo(json(first).get("id").asText());
    assertError(reused, 400, "invalid_request", "Idempotency-Key");
    // Scoped by the caller's API key, so two clients choosing the same key cannot collide.
    assertThat(service.exports.idempotencyKeysSeen).allMatch(k -> k.equals("env-1:call-42"));
  }

  @Test
  void anEmptyIdempotencyKeyCountsAsNone() {
    service.client.post("/v1/exports", BODY, "Idempotency-Key", " ");

    assertThat(service.exports.idempotencyKeysSeen).containsExactly("null");
  }

  @Test
  void anIdempotencyKeyWithControlCharactersOrTooLongIsRejected() {
    assertError(
        service.client.post("/v1/exports", BODY, "Idempotency-Key", "x".repeat(256)),
        400,
        "invalid_header",
        "Idempotency-Key");
  }

  @Test
  void anUnknownFieldIsRejectedNamingItAndSuggestingTheRightOne() {
    HttpResponse<String> response =
        service.client.post(
            "/v1/exports", "{\"interval\": \"2024-01-01/2024-01-02\", \"filter\": []}");

    assertError(response, 400, "invalid_request", "filter");
    assertThat(json(response).at("/error/message").asText()).contains("filters");
  }

  @Test
  void aWrongTypeIsRejectedNamingTheField() {
    assertError(
        service.client.post(
            "/v1/exports",
            "{\"interval\": \"2024-01-01/2024-01-02\", \"options\": {\"pageSize\": \"big\"}}"),
        400,
        "invalid_request",
        "options.pageSize");
    assertError(
        service.client.post(
            "/v1/exports", "{\"interval\": \"2024-01-01/2024-01-02\", \"filters\": [1]}"),
        400,
        "invalid_request",
        "filters[0]");
  }

  @Test
  void malformedOrEmptyJsonIsRejectedAsTheBody() {
    assertError(
        service.client.post("/v1/exports", "{\"interval\": "), 400, "invalid_request", "body");
    assertError(service.client.post("/v1/exports", ""), 400, "invalid_request", "body");
    assertError(service.client.post("/v1/exports", "[1,2]"), 400, "invalid_request", "body");
  }

  @Test
  void aBadIntervalIsRejectedNamingIt() {
    assertError(
        service.client.post("/v1/exports", "{\"interval\": \"2024-01-02/2024-01-01\"}"),
        400,
        "invalid_request",
        "interval");
  }

  @Test
  void aRunningExportSaysWhenToCheckAgainInTheBodyAndTheHeader() {
    String id = submit();
    service.clock.advance(Duration.ofMillis(1500));

    HttpResponse<String> response = service.client.get("/v1/exports/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    JsonNode body = json(response);
    assertThat(body.get("retryAfterSeconds").asInt()).isEqualTo(2);
    assertThat(body.get("state").asText()).isEqualTo("RUNNING");
    assertThat(body.at("/progress/chunksTotal").asInt()).isEqualTo(4);
    assertThat(body.at("/timings/createdAt").asText()).isEqualTo("2024-03-01T12:00:00Z");
    assertThat(body.at("/timings/elapsedSeconds").asLong()).isEqualTo(1);
    assertThat(body.get("error").isNull()).isTrue();
    assertThat(body.at("/links/download").asText()).isEqualTo("/v1/exports/" + id + "/download");
  }

  @Test
  void aFailedExportShowsGenesysMessageAndContextIdAndNoRetryAdvice() {
    String id = submit();
    service.exports.fail(
        id,
        new ExportStatus.Failure(
            "job_failed",
            "the Genesys job failed; narrow the interval",
            "Query too large",
            "ctx-9"));

    HttpResponse<String> response = service.client.get("/v1/exports/" + id);

    assertThat(response.headers().firstValue("Retry-After")).isEmpty();
    JsonNode body = json(response);
    assertThat(body.get("state").asText()).isEqualTo("FAILED");
    assertThat(body.get("retryAfterSeconds").asInt()).isZero();
    assertThat(body.at("/error/code").asText()).isEqualTo("job_failed");
    assertThat(body.at("/error/genesysMessage").asText()).isEqualTo("Query too large");
    assertThat(body.at("/error/contextId").asText()).isEqualTo("ctx-9");
  }

  @Test
  void theSummaryIsFlatAndNeverNull() {
    String id = submit();

    HttpResponse<String> response = service.client.get("/v1/exports/" + id + "/summary");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
    JsonNode body = json(response);
    Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      assertThat(field.getValue().isValueNode() && !field.getValue().isNull())
          .as(field.getKey())
          .isTrue();
    }
    assertThat(body.get("running").asBoolean()).isTrue();
    assertThat(body.get("errorCode").asText()).isEmpty();
    assertThat(body.get("finishedAt").asText()).isEmpty();
  }

  @Test
  void anUnknownExportIsNotFound() {
    assertError(service.client.get("/v1/exports/nope"), 404, "export_not_found", null);
    assertError(service.client.get("/v1/exports/nope/summary"), 404, "export_not_found", null);
    assertError(service.client.delete("/v1/exports/nope"), 404, "export_not_found", null);
    assertError(service.client.get("/v1/exports/a%20b"), 404, "export_not_found", null);
  }

  @Test
  void aDeleteCancelsTheExport() {
    String id = submit();

    HttpResponse<String> response = service.client.delete("/v1/exports/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("state").asText()).isEqualTo("CANCELLED");
    assertThat(
            json(service.client.get("/v1/exports/" + id + "/summary")).get("cancelled").asBoolean())
        .isTrue();
  }

  @Test
  void theListingFiltersByStateAndPagesWithAnOpaqueCursor() {
    for (int i = 1; i <= 5; i++) {
      service.client.post("/v1/exports", "{\"interval\": \"2024-01-0" + i + "/P1D\"}");
    }
    service.exports.fail("exp-0001", new ExportStatus.Failure("job_failed", "failed", null, null));

    JsonNode first = json(service.client.get("/v1/exports?state=running&limit=3"));
    assertThat(first.get("exports")).hasSize(3);
    String cursor = first.get("nextCursor").asText();
    assertThat(cursor).isNotEqualTo("3");
    JsonNode second =
        json(service.client.get("/v1/exports?state=RUNNING&limit=3&cursor=" + cursor));

    assertThat(second.get("exports")).hasSize(1);
    assertThat(second.get("nextCursor").isNull()).isTrue();
    assertThat(second.at("/exports/0/id").asText()).isEqualTo("exp-0002");
    assertThat(json(service.client.get("/v1/exports?state=FAILED")).get("exports")).hasSize(1);
  }

  @Test
  void aListingCursorThatWasMadeUpOrBelongsToAnotherFilterIsRejected() {
    for (int i = 1; i <= 3; i++) {
      service.client.post("/v1/exports", "{\"interval\": \"2024-01-0" + i + "/P1D\"}");
    }
    String cursor = json(service.client.get("/v1/exports?limit=1")).get("nextCursor").asText();

    assertError(service.client.get("/v1/exports?cursor=1"), 400, "invalid_cursor", "cursor");
    assertError(
        service.client.get("/v1/exports?state=DONE&cursor=" + cursor),
        400,
        "invalid_cursor",
        "cursor");
  }

  @Test
  void badListingParametersAreRejectedNamingThem() {
    assertError(
        service.client.get("/v1/exports?state=finished"), 400, "invalid_parameter", "state");
    assertError(service.client.get("/v1/exports?limit=0"), 400, "invalid_parameter", "limit");
    assertError(service.client.get("/v1/exports?limit=abc"), 400, "invalid_parameter", "limit");
  }

  @Test
  void unknownRoutesAndMethodsGetTheErrorBody() {
    assertError(service.client.get("/v1/nothing"), 404, "not_found", null);
    assertError(service.client.send("PUT", "/v1/exports", "{}"), 405, "method_not_allowed", null);
  }

  @Test
  void everyAnswerCarriesARequestId() {
    assertThat(service.client.get("/v1/exports").headers().firstValue("X-Request-Id")).isPresent();
  }
}
