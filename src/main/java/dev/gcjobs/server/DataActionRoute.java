package dev.gcjobs.server;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/data-actions?baseUrl=}: the importable Data Action definitions. */
final class DataActionRoute {

  void register(RouteTable routes) {
    routes.get("/v1/data-actions", this::definitions);
  }

  private void definitions(Context ctx) {
    String baseUrl = ctx.queryParam("baseUrl");
    if (baseUrl == null || baseUrl.isBlank()) {
      // Where this request reached us: right for trying out, to be overridden behind a proxy.
      baseUrl = ctx.scheme() + "://" + ctx.host();
    }
    List<DataActionDefinitions.Definition> definitions;
    List<String> warnings;
    try {
      definitions = DataActionDefinitions.forBaseUrl(baseUrl);
      warnings = DataActionDefinitions.warnings(baseUrl);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_parameter", "baseUrl", e.getMessage() + ".");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("baseUrl", DataActionDefinitions.normalize(baseUrl));
    body.put("warnings", warnings);
    body.put(
        "actions",
        definitions.stream()
            .map(d -> Map.of("fileName", d.fileName(), "definition", d.definition()))
            .toList());
    ResponseJson.write(ctx, 200, body);
  }
}
