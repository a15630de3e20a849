package dev.gcjobs.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;

/**
 * Runs a Data Action definition the way Genesys Cloud does: renders the URL, headers and body with
 * Velocity, calls the service with Basic credentials (any user, the API key as password), reads the
 * translation map's JSONPaths from the answer, renders the success template, and checks the result
 * against the output contract.
 */
final class DataActionRunner {
  // Strict: a field the SDK's model does not know is a mistake in our definitions.
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, ObjectNode> actions = new LinkedHashMap<>();
  private final String apiKey;
  private final HttpClient http = HttpClient.newHttpClient();

  /** The definitions for a service at {@code baseUrl}, called with {@code apiKey}. */
  DataActionRunner(String baseUrl, String apiKey) {
    for (DataActionDefinitions.Definition d : DataActionDefinitions.forBaseUrl(baseUrl)) {
      actions.put(d.fileName(), d.definition());
    }
    this.apiKey = apiKey;
  }

  Map<String, ObjectNode> actions() {
    return actions;
  }

  /** Parses an import file into the SDK's {@code PostActionInput}. */
  static PostActionInput parse(ObjectNode definition) throws Exception {
    ObjectNode copy = definition.deepCopy();
    // Import-only fields of the admin UI's export format, not part of the action model.
    assertThat(copy.remove("integrationType").asText()).isEqualTo("custom-rest-actions");
    assertThat(copy.remove("actionType").asText()).isEqualTo("custom");
    return STRICT.treeToValue(copy, PostActionInput.class);
  }

  /** Runs the action with these inputs and returns its (contract-checked) output. */
  JsonNode run(String action, Map<String, Object> input) throws Exception {
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
                        .encodeToString(("genesys:" + apiKey).getBytes(StandardCharsets.UTF_8)));
    request.getHeaders().forEach((name, value) -> call.header(name, render(context, value)));
    String method = request.getRequestType();
    call.method(
        method,
        method.equals("GET") || method.equals("DELETE")
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(render(context, request.getRequestTemplate())));
    HttpResponse<String> response = http.send(call.build(), HttpResponse.BodyHandlers.ofString());
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
              // Genesys hands the success template JSON: strings keep their quotes.
              translated.put(name, value.toString());
            });
    JsonNode output = JSON.readTree(render(translated, config.getSuccessTemplate()));
    checkContract(action, definition.getContract().getOutput().getSuccessSchema(), output);
    // Every default is a JSON literal, so a path that does not resolve still renders.
    config
        .getTranslationMapDefaults()
        .forEach((name, literal) -> assertThat(parseLiteral(literal).isValueNode()).isTrue());
    return output;
  }

  private static void checkContract(String action, JsonSchemaDocument contract, JsonNode output) {
    List<String> names = new ArrayList<>();
    output.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrderElementsOf(contract.getProperties().keySet());
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

  /** The action's request URL for these inputs, as Genesys renders it. */
  String url(String action, Map<String, Object> input) throws Exception {
    VelocityContext context = new VelocityContext();
    context.put("input", new LinkedHashMap<>(input));
    context.put("esc", new GenesysEscapes());
    return render(
        context, parse(actions.get(action)).getConfig().getRequest().getRequestUrlTemplate());
  }

  /** The {@code $esc} tool of Genesys' Velocity context, as far as these templates use it. */
  public static final class GenesysEscapes {
    /** Velocity's EscapeTool.url: URL form encoding (a space becomes {@code +}). */
    public String url(Object value) {
      return java.net.URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    public String jsonString(Object value) {
      String json = JSON.valueToTree(String.valueOf(value)).toString();
      return json.substring(1, json.length() - 1);
    }
  }
}
