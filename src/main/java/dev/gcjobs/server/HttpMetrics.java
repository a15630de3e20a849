package dev.gcjobs.server;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Times every answer as {@code gcjobs_http_requests_seconds{method, route, status}}; the route is
 * the template ({@code /v1/exports/{id}}), never the raw path, so ids do not multiply series.
 */
final class HttpMetrics {
  private final MeterRegistry registry;

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The request logger: called once per answered request with its duration. */
  void record(Context ctx, Float millis) {
    Timer.builder("gcjobs.http.requests")
        .description("HTTP requests answered by gcjobs serve")
        .tag("method", ctx.method().toString())
        .tag("route", route(ctx))
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos((long) (millis * 1_000_000)));
  }

  private static String route(Context ctx) {
    try {
      Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
      return endpoint == null ? "unmatched" : endpoint.path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }
}
