package dev.gcjobs.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Genesys Cloud Data Action definitions for this service, in the JSON the Genesys admin UI imports
 * (Admin → Integrations → Actions → Import): submit an export, read its summary, cancel it. Each
 * has an input contract, a flat output contract, and a translation map whose JSONPath expressions
 * read the service's real answers; {@code translationMapDefaults} hold JSON literals used when a
 * path does not resolve.
 *
 * <p>Import them into a "Web Services Data Actions" integration whose credentials are Basic Auth
 * with an API key as password (any user name), or User Defined with a header {@code Authorization:
 * Bearer KEY} added to each action.
 */
public final class DataActionDefinitions {
  /**
   * The export id as a path segment: Genesys asks for $esc.url() around inputs in a
   * requestUrlTemplate, so an id cannot reach another path.
   */
  private static final String ESCAPED_EXPORT_ID = "$esc.url(${input.exportId})";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Our answers take milliseconds; Genesys allows 1 to 60 s. */
  static final int TIMEOUT_SECONDS = 15;

  /**
   * One importable action.
   *
   * @param fileName a file name for it, e.g. {@code gcjobs-submit-export.json}
   * @param definition the import JSON
   */
  public record Definition(String fileName, ObjectNode definition) {}

  private enum OutputType {
    STRING("string", "\"\""),
    INTEGER("integer", "0"),
    BOOLEAN("boolean", "false");

    final String schemaType;
    final String defaultLiteral;

    OutputType(String schemaType, String defaultLiteral) {
      this.schemaType = schemaType;
      this.defaultLiteral = defaultLiteral;
    }
  }

  private DataActionDefinitions() {}

  /**
   * The three definitions for a service reachable at {@code baseUrl}.
   *
   * @param baseUrl where Genesys Cloud reaches the service, e.g. {@code https://gcjobs.example.com}
   * @throws IllegalArgumentException when it is not an absolute http(s) URL without query
   */
  public static List<Definition> forBaseUrl(String baseUrl) {
    String base = normalize(baseUrl);
    return List.of(submit(base), status(base), cancel(base));
  }

  /** Warnings about a base URL that works here but not from Genesys Cloud (plain http). */
  public static List<String> warnings(String baseUrl) {
    List<String> warnings = new ArrayList<>();
    String base = normalize(baseUrl);
    if (base.startsWith("http://")) {
      warnings.add(
          "Genesys Cloud calls web services over HTTPS only; put the service behind TLS and use"
              + " an https:// base URL.");
    }
    String host = URI.create(base).getHost();
    if (isLocal(host)) {
      warnings.add(
          "the base URL points at this machine (" + host + "); Genesys Cloud cannot reach it.");
    }
    return warnings;
  }

  // By name only: resolving a host named in a request could hang the answer.
  private static boolean isLocal(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.equals("localhost")
        || name.endsWith(".localhost")
        || name.startsWith("127.")
        || name.equals("[::1]")
        || name.equals("0.0.0.0");
  }

  /**
   * The base URL without a trailing slash.
   *
   * @throws IllegalArgumentException when it is not an absolute http(s) URL without query
   */
  static String normalize(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException(
          "the base URL is missing; give where Genesys Cloud reaches the service, e.g."
              + " https://gcjobs.example.com");
    }
    URI uri;
    try {
      uri = new URI(baseUrl.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the base URL \"" + baseUrl + "\" is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http"))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the base URL must be an absolute https:// (or http://) URL without user, query or"
              + " fragment, e.g. https://gcjobs.example.com; got \""
              + baseUrl
              + "\"");
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }

  private static Definition submit(String base) {
    ObjectNode headers = JSON.objectNode();
    headers.put("Content-Type", "application/json");
    // A quiet reference: no idempotency key given, an empty header, which the service ignores.
    headers.put(ExportRoutes.IDEMPOTENCY_HEADER, "$!{input.idempotencyKey}");
    String body =
        "{\"kind\": \"$esc.jsonString($input.kind)\","
            + " \"interval\": \"$esc.jsonString($input.interval)\","
            + " \"filters\": [#set($sep = \"\")#foreach($filter in $input.filters)"
            + "$sep\"$esc.jsonString($filter)\"#set($sep = \",\")#end]}";
    ObjectNode input = objectSchema("gcjobs submit export input");
    input.putArray("required").add("kind").add("interval");
    ObjectNode properties = (ObjectNode) input.get("properties");
    properties
        .putObject("kind")
        .put("type", "string")
        .put("description", "conversations or users")
        .putArray("enum")
        .add("conversations")
        .add("users");
    properties
        .putObject("interval")
        .put("type", "string")
        .put(
            "description",
            "ISO-8601 interval, end exclusive, e.g. 2024-01-01/2024-01-02 or"
                + " 2024-01-01T00:00:00Z/PT6H");
    ObjectNode filters = properties.putObject("filters");
    filters
        .put("type", "array")
        .put("description", "filter terms such as mediaType=voice or queueId=...; optional");
    filters.putObject("items").put("type", "string");
    properties
        .putObject("idempotencyKey")
        .put("type", "string")
        .put(
            "description",
            "optional; the same key returns the same export, e.g. the conversation id of the"
                + " flow");
    Map<String, OutputType> outputs = new LinkedHashMap<>();
    outputs.put("id", OutputType.STRING);
    outputs.put("state", OutputType.STRING);
    outputs.put("statusUrl", OutputType.STRING);
    outputs.put("retryAfterSeconds", OutputType.INTEGER);
    return new Definition(
        "gcjobs-submit-export.json",
        action(
            "gcjobs - Submit export",
            request(base + "/v1/exports", "POST", headers, body),
            input,
            outputs,
            "gcjobs submit export output"));
  }

  private static Definition status(String base) {
    Map<String, OutputType> outputs = new LinkedHashMap<>();
    for (var component : ExportViews.Summary.class.getRecordComponents()) {
      Class<?> type = component.getType();
      outputs.put(
          component.getName(),
          type == boolean.class
              ? OutputType.BOOLEAN
              : type == String.class ? OutputType.STRING : OutputType.INTEGER);
    }
    return new Definition(
        "gcjobs-export-status.json",
        action(
            "gcjobs - Export status",
            request(
                base + "/v1/exports/" + ESCAPED_EXPORT_ID + "/summary",
                "GET",
                JSON.objectNode(),
                "${input.rawRequest}"),
            exportIdInput("gcjobs export status input"),
            outputs,
            "gcjobs export status output"));
  }

  private static Definition cancel(String base) {
    Map<String, OutputType> outputs = new LinkedHashMap<>();
    outputs.put("id", OutputType.STRING);
    outputs.put("state", OutputType.STRING);
    return new Definition(
        "gcjobs-cancel-export.json",
        action(
            "gcjobs - Cancel export",
            request(
                base + "/v1/exports/" + ESCAPED_EXPORT_ID,
                "DELETE",
                JSON.objectNode(),
                "${input.rawRequest}"),
            exportIdInput("gcjobs cancel export input"),
            outputs,
            "gcjobs cancel export output"));
  }

  private static ObjectNode exportIdInput(String title) {
    ObjectNode input = objectSchema(title);
    input.putArray("required").add("exportId");
    ((ObjectNode) input.get("properties"))
        .putObject("exportId")
        .put("type", "string")
        .put("description", "the id the submit action returned");
    return input;
  }

  private static ObjectNode request(
      String urlTemplate, String method, ObjectNode headers, String template) {
    ObjectNode request = JSON.objectNode();
    request.put("requestUrlTemplate", urlTemplate);
    request.put("requestType", method);
    request.set("headers", headers);
    request.put("requestTemplate", template);
    return request;
  }

  private static ObjectNode action(
      String name,
      ObjectNode request,
      ObjectNode inputSchema,
      Map<String, OutputType> outputs,
      String outputTitle) {
    ObjectNode translationMap = JSON.objectNode();
    ObjectNode defaults = JSON.objectNode();
    ObjectNode successSchema = objectSchema(outputTitle);
    ObjectNode properties = (ObjectNode) successSchema.get("properties");
    StringBuilder successTemplate = new StringBuilder("{");
    for (Map.Entry<String, OutputType> output : outputs.entrySet()) {
      String field = output.getKey();
      translationMap.put(field, "$." + field);
      defaults.put(field, output.getValue().defaultLiteral);
      properties.putObject(field).put("type", output.getValue().schemaType);
      if (successTemplate.length() > 1) {
        successTemplate.append(", ");
      }
      // Translation map values are JSON (strings keep their quotes), so they go in bare.
      successTemplate.append('"').append(field).append("\": ${").append(field).append('}');
    }
    successTemplate.append('}');
    ObjectNode response = JSON.objectNode();
    response.set("translationMap", translationMap);
    response.set("translationMapDefaults", defaults);
    response.put("successTemplate", successTemplate.toString());

    ObjectNode config = JSON.objectNode();
    config.set("request", request);
    config.set("response", response);
    config.put("timeoutSeconds", TIMEOUT_SECONDS);

    ObjectNode contract = JSON.objectNode();
    contract.putObject("input").set("inputSchema", inputSchema);
    contract.putObject("output").set("successSchema", successSchema);

    ObjectNode action = JSON.objectNode();
    action.put("name", name);
    action.put("integrationType", "custom-rest-actions");
    action.put("actionType", "custom");
    action.set("config", config);
    action.set("contract", contract);
    action.put("secure", false);
    return action;
  }

  private static ObjectNode objectSchema(String title) {
    ObjectNode schema = JSON.objectNode();
    schema.put("$schema", "http://json-schema.org/draft-04/schema#");
    schema.put("title", title);
    schema.put("type", "object");
    schema.putObject("properties");
    schema.put("additionalProperties", true);
    return schema;
  }
}
