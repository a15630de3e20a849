package dev.gcjobs.server;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, metrics and the OpenAPI document: what operators and tools read. */
final class OperationsRoutes {
  private static final String OPENAPI_RESOURCE = "openapi.json";

  private final ReadinessProbe readiness;
  private final PrometheusMeterRegistry registry;
  private final byte[] openApi;

  OperationsRoutes(ReadinessProbe readiness, PrometheusMeterRegistry registry) {
    this.readiness = readiness;
    this.registry = registry;
    this.openApi = openApiDocument();
  }

  void register(RouteTable routes) {
    routes.get("/health/live", this::live);
    routes.get("/health/ready", this::ready);
    routes.get("/metrics", this::metrics);
    routes.get("/openapi.json", this::openApi);
  }

  /** The OpenAPI 3 document of the service, as served at {@code /openapi.json}. */
  static byte[] openApiDocument() {
    try (InputStream in = OperationsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + OPENAPI_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void live(Context ctx) {
    ResponseJson.write(ctx, 200, Map.of("status", "UP"));
  }

  private void ready(Context ctx) {
    Map<String, Boolean> checks = readiness.run();
    boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", ready ? "UP" : "DOWN");
    body.put("checks", checks);
    ResponseJson.write(ctx, ready ? 200 : 503, body);
  }

  private void metrics(Context ctx) {
    ctx.status(200)
        .contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(registry.scrape());
  }

  private void openApi(Context ctx) {
    ctx.status(200).contentType("application/json").result(openApi);
  }
}
