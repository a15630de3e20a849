package dev.gcjobs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mypurecloud.sdk.v2.model.JsonSchemaDocument;
import com.mypurecloud.sdk.v2.model.PostActionInput;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Data Action definitions parse with the official SDK's action model, and each action, run the
 * way Genesys runs it (Velocity templates, JSONPath translation map, success template) against the
 * running service, yields an output that fits its flat output contract.
 */
@Tag("unit")
class DataActionDefinitionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FLAT_TYPES = List.of("string", "integer", "number", "boolean");

  @TempDir Path stateDir;
  RunningService service;
  DataActionRunner runner;
  Map<String, ObjectNode> actions;

  @BeforeEach
  void start() {
    service = new RunningService(stateDir);
    runner = new DataActionRunner(service.app.baseUrl() + "/", RunningService.KEY);
    actions = runner.actions();
  }

  private static PostActionInput parse(ObjectNode definition) throws Exception {
    return DataActionRunner.parse(definition);
  }

  private JsonNode run(String action, Map<String, Object> input) throws Exception {
    return runner.run(action, input);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  @Test
  void thereAreSubmitStatusAndCancelActions() {
    assertThat(actions)
        .containsOnlyKeys(
            "gcjobs-submit-export.json", "gcjobs-export-status.json", "gcjobs-cancel-export.json");
  }

  @Test
  void theExportIdIsEscapedInTheUrlSoItCannotReachAnotherPath() throws Exception {
    Map<String, Object> id = Map.of("exportId", "../keys x?y");

    assertThat(runner.url("gcjobs-export-status.json", id))
        .endsWith("/v1/exports/..%2Fkeys+x%3Fy/summary");
    assertThat(runner.url("gcjobs-cancel-export.json", id)).endsWith("/v1/exports/..%2Fkeys+x%3Fy");
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
}
