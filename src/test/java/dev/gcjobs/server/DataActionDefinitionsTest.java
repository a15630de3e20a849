package dev.gcjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mypurecloud.sdk.v2.model.JsonSchemaDocument;
import com.mypurecloud.sdk.v2.model.PostActionInput;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Data Action definitions parse with the official SDK's action model, and each action, run the
 * way Genesys runs it (Velocity templates, JSONPath translation map, success template) against the
 * running service, yields an output that fits its flat output contract.
 */
class DataActionDefinitionsTest {
  // Strict: a field the SDK's model does not know is a mistake in our definitions.
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FLAT_TYPES = List.of("string", "integer", "number", "boolean");

  @TempDir Path stateDir;
  RunningService service;
  Map<String, ObjectNode> actions;

  @BeforeEach
  void start() {
    service = new RunningService(stateDir);
    actions = new LinkedHashMap<>();
    for (DataActionDefinitions.Definition d :
        DataActionDefinitions.forBaseUrl(service.app.baseUrl() + "/")) {
      actions.put(d.fileName(), d.definition());
    }
  }

  @AfterEach
  void stop() {
    service.close();
  }

  /** Parses an import file into the SDK's {@code PostActionInput}. */
  private static PostActionInput parse(ObjectNode definition) throws Exception {
    ObjectNode copy = definition.deepCopy();
    // Import-only fields of the admin UI's export format, not part of the action model.
    assertThat(copy.remove("integrationType").asText()).isEqualTo("custom-rest-actions");
    assertThat(copy.remove("actionType").asText()).isEqualTo("custom");
    return STRICT.treeToValue(copy, PostActionInput.class);
  }

  @Test
  void thereAreSubmitStatusAndCancelActions() {
    assertThat(actions)
        .containsOnlyKeys(
            "gcjobs-submit-export.json", "gcjobs-export-status.json", "gcjobs-cancel-export.json");
  }

  @Test
  void everyDefinitionParsesIntoTheOfficialSdkActionModel() throws Exception {
    for (ObjectNode definition : actions.values()) {
      PostActionInput action = parse(definition);

      assertThat(action.getName()).startsWith("gcjobs - ");
      assertThat(action.getSecure()).isFalse();
      assertThat(action.getConfig().getTimeoutSeconds()).isBetween(1, 60);
      assertThat(action.getConfig().getRequest().getRequestUrlTemplate())
          .startsWith(service.app.baseUrl() + "/v1/exports");
      assertThat(action.getConfig().getRequest().getRequestType()).isIn("GET", "POST", "DELETE");
      assertThat(action.getConfig().getResponse().getTranslationMap()).isNotEmpty();
      assertThat(action.getConfig().getResponse().getTranslationMapDefaults().keySet())
          .isEqualTo(action.getConfig().getResponse().getTranslationMap().keySet());
      assertThat(action.getContract().getInput().getInputSchema().getType()).isEqualTo("object");
    }
  }

  @Test
  void everyOutputContractIsFlat() throws Exception {
    for (ObjectNode definition : actions.values()) {
      JsonSchemaDocument output = parse(definition).getContract().getOutput().getSuccessSchema();

      assertThat(output.getType()).isEqualTo("object");
      assertThat(output.getProperties()).isNotEmpty();
      output
          .getProperties()
          .forEach(
              (name, schema) ->
                  assertThat(((Map<?, ?>) schema).get("type")).as(name).isIn(FLAT_TYPES.toArray()));
    }
  }

  @Test
  void submitThenStatusThenCancelGiveOutputsThatFitTheirContracts() throws Exception {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("kind", "conversations");
    input.put("interval", "2024-01-01T00:00:00Z/2024-01-02T00:00:00Z");
    input.put("filters", List.of("mediaType=voice", "queueId=q \"1\""));
    input.put("idempotencyKey", "conversation-123");

    JsonNode submitted = run("gcjobs-submit-export.json", input);
    String id = submitted.get("id").asText();
    assertThat(submitted.get("state").asText()).isEqualTo("RUNNING");
    assertThat(service.exports.request(id).query().toString())
        .contains("mediaType")
        .contains("q \\\"1\\\"");
    assertThat(run("gcjobs-submit-export.json", input).get("id").asText()).isEqualTo(id);

    JsonNode running = run("gcjobs-export-status.json", Map.of("exportId", id));
    assertThat(running.get("running").asBoolean()).isTrue();
    assertThat(running.get("retryAfterSeconds").asInt()).isPositive();

    service.exports.finish(id, List.of("{\"conversationId\":\"c1\"}"));
    JsonNode done = run("gcjobs-export-status.json", Map.of("exportId", id));
    assertThat(done.get("done").asBoolean()).isTrue();
    assertThat(done.get("records").asLong()).isEqualTo(1);
    assertThat(done.get("errorCode").asText()).isEmpty();

    String other =
        run(
                "gcjobs-submit-export.json",
                Map.of("kind", "users", "interval", "2024-02-01/2024-02-02"))
            .get("id")
            .asText();
    JsonNode cancelled = run("gcjobs-cancel-export.json", Map.of("exportId", other));
    assertThat(cancelled.get("state").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void aBaseUrlMustBeAnAbsoluteHttpUrlAndPlainHttpIsWarnedAbout() {
    assertThatThrownBy(() -> DataActionDefinitions.forBaseUrl("gcjobs.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://");
    assertThatThrownBy(() -> DataActionDefinitions.forBaseUrl("https://x.example/?a=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(DataActionDefinitions.warnings("https://gcjobs.example.com")).isEmpty();
    assertThat(DataActionDefinitions.warnings("http://127.0.0.1:8080")).hasSize(2);
  }

  @Test
  void theServiceServesTheSameDefinitions() throws Exception {
    HttpResponse<String> response =
        service.client.get("/v1/data-actions?baseUrl=https://gcjobs.example.com/");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("baseUrl").asText()).isEqualTo("https://gcjobs.example.com");
    assertThat(body.get("warnings")).isEmpty();
    assertThat(body.at("/actions/0/definition"))
        .isEqualTo(
            DataActionDefinitions.forBaseUrl("https://gcjobs.example.com").get(0).definition());
    ExportRoutesTest.assertError(
        service.client.get("/v1/data-actions?baseUrl=ftp://x"),
        400,
        "invalid_parameter",
        "baseUrl");
  }

  /**
   * Runs an action as Genesys does: renders the URL, headers and body with Velocity, calls the
   * service with Basic credentials, reads the translation map's JSONPaths from the answer (or their
   * defaults), renders the success template, and checks the result against the output contract.
   */
  private JsonNode run(String action, Map<String, Object> input) throws Exception {
    PostActionInput definition = parse(actions.get(action));
    var request = definition.getConfig().getRequest();
    VelocityContext context = new VelocityContext();
    Map<String, Object> inputs = new LinkedHashMap<>(input);
    inputs.put("rawRequest", JSON.writeValueAsString(input));
    context.put("input", inputs);
    context.put("esc", new GenesysEscapes());

    HttpRequest.Builder call =
        HttpRequest.newBuilder(URI.create(render(context, request.getRequestUrlTemplate())))
            .timeout(Duration.ofSeconds(10))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            ("genesys:" + RunningService.KEY).getBytes(StandardCharsets.UTF_8)));
    request.getHeaders().forEach((name, value) -> call.header(name, render(context, value)));
    String body = render(context, request.getRequestTemplate());
    call.method(
        request.getRequestType(),
        request.getRequestType().equals("GET") || request.getRequestType().equals("DELETE")
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(call.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    JsonNode raw = JSON.readTree(response.body());

    var config = definition.getConfig().getResponse();
    VelocityContext translated = new VelocityContext();
    config
        .getTranslationMap()
        .forEach(
            (name, path) -> {
              JsonNode value = jsonPath(raw, path);
              assertThat(value).as(action + " " + name + " = " + path + " in " + raw).isNotNull();
              translated.put(name, value.toString());
            });
    JsonNode output = JSON.readTree(render(translated, config.getSuccessTemplate()));

    JsonSchemaDocument contract = definition.getContract().getOutput().getSuccessSchema();
    assertThat(iterable(output.fieldNames()))
        .containsExactlyInAnyOrderElementsOf(contract.getProperties().keySet());
    contract
        .getProperties()
        .forEach(
            (name, schema) -> {
              String type = (String) ((Map<?, ?>) schema).get("type");
              JsonNode value = output.get(name);
              boolean fits =
                  switch (type) {
                    case "string" -> value.isTextual();
                    case "integer" -> value.isIntegralNumber();
                    case "boolean" -> value.isBoolean();
                    default -> false;
                  };
              assertThat(fits).as(action + " " + name + " is " + type + ": " + value).isTrue();
            });
    // Every default is a JSON literal of the declared type, so a missing value still fits.
    config
        .getTranslationMapDefaults()
        .forEach((name, literal) -> assertThat(parseLiteral(literal).isValueNode()).isTrue());
    return output;
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  private static JsonNode parseLiteral(String literal) {
    try {
      return JSON.readTree(literal);
    } catch (Exception e) {
      throw new AssertionError("not a JSON literal: " + literal, e);
    }
  }

  /** Simple JSONPath: {@code $.a.b}; null when a step is missing. */
  private static JsonNode jsonPath(JsonNode root, String path) {
    assertThat(path).startsWith("$.");
    JsonNode node = root;
    for (String step : path.substring(2).split("\\.")) {
      node = node == null ? null : node.get(step);
    }
    return node;
  }

  private static String render(VelocityContext context, String template) {
    VelocityEngine engine = new VelocityEngine();
    engine.init();
    StringWriter out = new StringWriter();
    engine.evaluate(context, out, "data-action", template);
    return out.toString();
  }

  /** The {@code $esc} tool of Genesys' Velocity context, as far as these templates use it. */
  public static final class GenesysEscapes {
    public String jsonString(Object value) {
      String json = JSON.valueToTree(String.valueOf(value)).toString();
      return json.substring(1, json.length() - 1);
    }
  }
}
