package dev.gcjobs.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated bodies, paths, query parameters and headers: every answer is below 500 and
 * comes (the client gives up after 10 s, which would fail the property), and every 4xx carries the
 * error body.
 */
@Tag("unit")
class BadInputPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID =
      "{\"kind\": \"conversations\", \"interval\": \"2024-01-01/2024-01-02\", \"zone\": \"UTC\","
          + " \"filters\": [\"mediaType=voice\", \"queueId=q1\"],"
          + " \"options\": {\"chunk\": \"PT6H\", \"timeout\": \"PT2H\", \"pageSize\": 500}}";

  private static final String VALID_SYNC =
      "{\"destination\": \"warehouse\", \"kind\": \"conversations\", \"since\": \"2024-01-01\","
          + " \"filters\": [\"mediaType=voice\"], \"every\": \"15m\", \"settle\": \"PT72H\","
          + " \"reconcileEvery\": \"7d\", \"purgeDeleted\": false}";

  private static Path stateDir;
  private static RunningService service;
  private static String doneId;
  private static String runningId;

  @BeforeContainer
  static void start() throws IOException {
    stateDir = Files.createTempDirectory("gcjobs-bad-input");
    service = new RunningService(stateDir);
    runningId = id(service.client.post("/v1/exports", VALID));
    doneId = id(service.client.post("/v1/exports", "{\"interval\": \"2024-02-01/P1D\"}"));
    service.exports.finish(doneId, List.of("{\"a\":1}", "{\"b\":2}", "{\"c\":3}"));
  }

  @AfterContainer
  static void stop() throws IOException {
    service.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String id(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).get("id").asText();
    } catch (IOException e) {
      throw new AssertionError(response.body(), e);
    }
  }

  private static void assertWellAnswered(HttpResponse<String> response) {
    int status = response.statusCode();
    assertThat(status).as(response.body()).isLessThan(500);
    if (status >= 400) {
      JsonNode body;
      try {
        body = JSON.readTree(response.body());
      } catch (IOException e) {
        throw new AssertionError("a " + status + " without a JSON body: " + response.body(), e);
      }
      assertThat(body.at("/error/code").isTextual()).as(response.body()).isTrue();
      assertThat(body.at("/error/message").isTextual()).as(response.body()).isTrue();
      assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Property(tries = 300)
  void randomBodiesGetA4xxOrAnExport(@ForAll("bodies") String body) {
    assertWellAnswered(service.client.post("/v1/exports", body));
  }

  @Property(tries = 300)
  void randomSyncBodiesGetA4xxOrASync(@ForAll("syncBodies") String body) {
    assertWellAnswered(service.client.post("/v1/syncs", body));
  }

  @Property(tries = 200)
  void randomPathsGetA4xxOrAnAnswer(
      @ForAll("methods") String method, @ForAll("paths") String path) {
    assertWellAnswered(service.client.send(method, path, method.equals("GET") ? null : "{}"));
  }

  @Property(tries = 200)
  void randomQueryParametersGetA4xxOrAnAnswer(
      @ForAll("queryRoutes") String route,
      @ForAll("queryNames") String name,
      @ForAll("texts") String value) {
    String path = route + "?" + name + "=" + encode(value);
    assertWellAnswered(service.client.get(path));
  }

  @Property(tries = 200)
  void randomHeadersGetA4xxOrAnAnswer(
      @ForAll("headerNames") String name, @ForAll("headerValues") String value) {
    assertWellAnswered(
        service.client.post(
            "/v1/exports", VALID, name, value, "Authorization", "Bearer " + RunningService.KEY));
    assertWellAnswered(service.client.get("/v1/exports/" + doneId + "/download", name, value));
  }

  @Provide
  Arbitrary<String> bodies() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtrufalsn ").ofMaxLength(80),
        mutated(),
        withField());
  }

  @Provide
  Arbitrary<String> syncBodies() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("{}[]\":,0123456789.-+eEtrufalsn ").ofMaxLength(80),
        mutated(VALID_SYNC));
  }

  private Arbitrary<String> mutated() {
    return mutated(VALID);
  }

  private Arbitrary<String> mutated(String valid) {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, valid.length() - 1);
    Arbitrary<Character> character = Arbitraries.chars();
    return Combinators.combine(position, character, Arbitraries.integers().between(0, 2))
        .as(
            (at, c, how) ->
                switch (how) {
                  case 0 -> valid.substring(0, at) + valid.substring(at + 1);
                  case 1 -> valid.substring(0, at) + c + valid.substring(at);
                  default -> valid.substring(0, at) + c + valid.substring(at + 1);
                });
  }

  private Arbitrary<String> withField() {
    Arbitrary<String> field =
        Arbitraries.of(
            "kind", "interval", "zone", "filters", "query", "options", "extra", "options.chunk");
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.of(
                "null",
                "1",
                "-1",
                "1e309",
                "true",
                "[]",
                "{}",
                "[1]",
                "\"\"",
                "\"users\"",
                "\"P1D\"",
                "\"PT0S\"",
                "\"2024-01-01/2024-01-01\"",
                "\"9999-12-31/P1D\"",
                "{\"interval\": 5}",
                "{\"segmentFilters\": 1}",
                "[\"!x\", \"a!=b\"]",
                "{\"chunk\": \"PT1S\"}",
                "{\"pageSize\": 2147483648}"),
            Arbitraries.strings().ofMaxLength(30).map(s -> JSON.valueToTree(s).toString()));
    return Combinators.combine(field, value)
        .as(
            (name, json) -> {
              if (name.equals("options.chunk")) {
                return "{\"interval\": \"2024-01-01/P1D\", \"options\": {\"chunk\": " + json + "}}";
              }
              return "{\"interval\": \"2024-01-01/P1D\", \"" + name + "\": " + json + "}";
            });
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS");
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> prefix =
        Arbitraries.of(
            "/",
            "/v1/",
            "/v1/exports/",
            "/v1/exports/" + doneId + "/",
            "/v1/syncs/",
            "/health/",
            "/v1/data-actions/");
    Arbitrary<String> segments =
        Arbitraries.strings()
            .ofMaxLength(12)
            .map(BadInputPropertyTest::encode)
            .list()
            .ofMaxSize(3)
            .map(list -> String.join("/", list));
    return Combinators.combine(prefix, segments).as(String::concat);
  }

  @Provide
  Arbitrary<String> queryRoutes() {
    return Arbitraries.of(
        "/v1/exports",
        "/v1/exports/" + doneId + "/records",
        "/v1/exports/" + doneId + "/download",
        "/v1/exports/" + runningId + "/records",
        "/v1/data-actions");
  }

  @Provide
  Arbitrary<String> queryNames() {
    return Arbitraries.of("cursor", "limit", "state", "gzip", "baseUrl", "other");
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of(
            "-1",
            "0",
            "1",
            "1000",
            "2147483648",
            "true",
            "TRUE",
            "running",
            "https://x.example",
            "http://",
            "ftp://x",
            "https://a.example/?q=1",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
  }

  @Provide
  Arbitrary<String> headerNames() {
    return Arbitraries.of(
        "Idempotency-Key", "Accept-Encoding", "X-Anything", "Accept", "Content-Encoding");
  }

  @Provide
  Arbitrary<String> headerValues() {
    // What the JDK client may send: visible ASCII and spaces, not leading or trailing.
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .ofMinLength(1)
        .ofMaxLength(300)
        .map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
