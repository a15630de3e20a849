package dev.gcjobs.emulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become answers: {@link ApiError} → Genesys ErrorBody, {@link
 * OAuthError} → OAuth error body, Javalin's own HTTP errors (unknown route, body too large) →
 * ErrorBody, anything else → 500 ErrorBody without a stack trace (logged, as it is a bug).
 */
final class ErrorMapping {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);
  private static final String WRITTEN = "gcjobs.errorWritten";

  private ErrorMapping() {}

  static void register(RoutesConfig routes) {
    routes.exception(Exception.class, ErrorMapping::handle);
    // Javalin answers unknown routes itself; this turns its text into an ErrorBody.
    routes.error(
        404,
        ctx -> {
          if (ctx.attribute(WRITTEN) == null) {
            write(
                ctx,
                new ApiError(
                    404,
                    "not.found",
                    "No route " + ctx.method() + " " + ctx.path() + "; see the emulator's README"));
          }
        });
  }

  private static void handle(Exception e, Context ctx) {
    if (e instanceof ApiError apiError) {
      write(ctx, apiError);
    } else if (e instanceof OAuthError oauth) {
      ctx.attribute(WRITTEN, true);
      ctx.status(oauth.status)
          .contentType("application/json")
          .result(
              WireJson.bytes(
                  Map.of(
                      "error", oauth.error,
                      "description", oauth.getMessage(),
                      "error_description", oauth.getMessage())));
    } else if (e instanceof HttpResponseException http) {
      write(ctx, fromJavalin(http));
    } else {
      log.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
      write(
          ctx,
          new ApiError(
              500,
              "internal.server.error",
              "The emulator failed unexpectedly; see its log for correlation id "
                  + RequestPipeline.correlationId(ctx)));
    }
  }

  /** Answers with the error's status and a Genesys ErrorBody. */
  static void write(Context ctx, ApiError e) {
    ctx.attribute(WRITTEN, true);
    ErrorBody body =
        new ErrorBody(e.status(), e.code(), e.getMessage(), RequestPipeline.correlationId(ctx));
    if (e instanceof TooManyRequests tooMany) {
      ctx.header("Retry-After", Long.toString(tooMany.retryAfterSeconds));
      if (tooMany.limit != null) {
        body = body.withLimit(tooMany.limit);
      }
    }
    ctx.status(e.status()).contentType("application/json").result(WireJson.bytes(body));
  }

  private static ApiError fromJavalin(HttpResponseException e) {
    int status = e.getStatus();
    String code =
        switch (status) {
          case 404 -> "not.found";
          case 413 -> "request.entity.too.large";
          case 415 -> "unsupported.media.type";
          default -> status >= 500 ? "internal.server.error" : "bad.request";
        };
    return new ApiError(status, code, e.getMessage());
  }
}
