package dev.gcjobs.server;

import dev.gcjobs.engine.AvailabilityUnknown;
import dev.gcjobs.engine.IntervalPastAvailability;
import dev.gcjobs.engine.InvalidRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become answers. {@link ApiError} → its status and code; {@link
 * InvalidRequest} → 400 {@code invalid_request} naming the field; Javalin's own errors (unknown
 * route, wrong method, body too large) → their status with a fixed message; anything else → 500
 * {@code internal_error} with a request id and nothing internal (it is logged, as it is a bug).
 */
final class ErrorMapping {
  /** When to try a submit again after Genesys could not give its data availability. */
  private static final int AVAILABILITY_RETRY_SECONDS = 30;

  private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
  private static final String WRITTEN = "gcjobs.errorWritten";

  private ErrorMapping() {}

  static void register(RoutesConfig routes) {
    routes.exception(Exception.class, ErrorMapping::handle);
    // Javalin answers unmatched routes and methods itself; these turn that into an error body.
    for (int status : new int[] {404, 405}) {
      routes.error(
          status,
          ctx -> {
            if (ctx.attribute(WRITTEN) == null) {
              write(ctx, status, ErrorBody.forStatus(status), Map.of());
            }
          });
    }
  }

  private static void handle(Exception e, Context ctx) {
    if (e instanceof ApiError error) {
      write(
          ctx,
          error.status(),
          ErrorBody.of(error.code(), error.getMessage(), error.field()),
          error.headers());
    } else if (e instanceof InvalidRequest invalid) {
      write(
          ctx,
          400,
          ErrorBody.of("invalid_request", invalid.getMessage(), invalid.field()),
          Map.of());
    } else if (e instanceof IntervalPastAvailability past) {
      write(
          ctx,
          400,
          ErrorBody.of(
              "interval_past_availability",
              past.getMessage()
                  + ". End the interval at or before "
                  + past.availability()
                  + ", or send \"allowIncomplete\": true to export what there is (its status then"
                  + " says complete: false).",
              "interval"),
          Map.of());
    } else if (e instanceof AvailabilityUnknown unknown) {
      log.warn("Cannot plan an export: {}", unknown.getMessage());
      write(
          ctx,
          503,
          ErrorBody.of(
              "genesys_unavailable",
              "Genesys cannot say up to when its data is complete right now; retry later.",
              null),
          Map.of("Retry-After", Integer.toString(AVAILABILITY_RETRY_SECONDS)));
    } else if (e instanceof HttpResponseException http && http.getStatus() < 500) {
      // Javalin's own messages can name internals (limits, classes): answer with a fixed one.
      write(ctx, http.getStatus(), ErrorBody.forStatus(http.getStatus()), Map.of());
    } else {
      String requestId = RequestIds.of(ctx);
      log.error(
          "Unexpected failure answering {} {} (request {})",
          ctx.method(),
          ctx.path(),
          requestId,
          e);
      write(
          ctx,
          500,
          ErrorBody.of(
              "internal_error",
              "the service failed unexpectedly; its log has the details under request id "
                  + requestId
                  + ".",
              null),
          Map.of());
    }
  }

  /** Answers with an error body; the error handlers above do not write a second one. */
  static void write(Context ctx, int status, ErrorBody body, Map<String, String> headers) {
    ctx.attribute(WRITTEN, true);
    headers.forEach(ctx::header);
    ResponseJson.write(ctx, status, body);
  }
}
