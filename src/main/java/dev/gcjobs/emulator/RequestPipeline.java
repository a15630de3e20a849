package dev.gcjobs.emulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.UUID;

/**
 * What happens around every emulated endpoint, in this order: a correlation id, bearer
 * authentication and the client's rate limit (API paths only), the injected fault (if any), the
 * handler; after it, the request is counted and an injected truncation cuts the answer.
 */
final class RequestPipeline {
  private static final String CORRELATION_ID = "gcjobs.correlationId";
  private static final String ENDPOINT = "gcjobs.endpoint";
  private static final String CLIENT_ID = "gcjobs.clientId";
  private static final String TRUNCATE = "gcjobs.truncate";
  private static final String COUNTED = "gcjobs.counted";
  private static final String INTROSPECTION_PREFIX = "/emulator/";

  private final Faults faults;
  private final RequestCounts counts;
  private final TokenStore tokens;
  private final RateLimiter rateLimiter;
  private final EmulatorConfig config;

  RequestPipeline(
      EmulatorConfig config,
      Faults faults,
      RequestCounts counts,
      TokenStore tokens,
      RateLimiter rateLimiter) {
    this.config = config;
    this.faults = faults;
    this.counts = counts;
    this.tokens = tokens;
    this.rateLimiter = rateLimiter;
  }

  /** Installs the steps that run for every request, matched or not. */
  void register(RoutesConfig routes) {
    routes.before(
        ctx -> {
          String id = UUID.randomUUID().toString();
          ctx.attribute(CORRELATION_ID, id);
          ctx.header("ININ-Correlation-Id", id);
        });
    routes.after(this::finish);
  }

  /** The correlation id of the request, also the {@code contextId} of its ErrorBody. */
  static String correlationId(Context ctx) {
    String id = ctx.attribute(CORRELATION_ID);
    return id == null ? "" : id;
  }

  /** The OAuth client of an authenticated API request. */
  static String clientId(Context ctx) {
    return ctx.attribute(CLIENT_ID);
  }

  /**
   * Wraps an API handler: bearer token, rate limit, fault, then the handler. Faults come after the
   * rate limit so that their answers carry the rate-limit headers like every API answer.
   */
  Handler api(Endpoint endpoint, Handler handler) {
    return ctx -> {
      ctx.attribute(ENDPOINT, endpoint);
      String clientId = authenticate(ctx);
      ctx.attribute(CLIENT_ID, clientId);
      limitRate(ctx, clientId);
      if (!injectFault(ctx, endpoint)) {
        handler.handle(ctx);
      }
    };
  }

  /** Wraps the token handler: fault, then the handler (it authenticates by itself). */
  Handler login(Handler handler) {
    return ctx -> {
      ctx.attribute(ENDPOINT, Endpoint.TOKEN);
      if (!injectFault(ctx, Endpoint.TOKEN)) {
        handler.handle(ctx);
      }
    };
  }

  /** Applies the endpoint's fault; true when the request is over (its connection was reset). */
  private boolean injectFault(Context ctx, Endpoint endpoint) throws InterruptedException {
    FaultKind fault = faults.next(endpoint);
    if (fault == null) {
      return false;
    }
    switch (fault) {
      case CONNECTION_RESET -> {
        ConnectionAbort.reset(ctx);
        counts.record(endpoint, RequestCounts.CONNECTION_RESET);
        ctx.attribute(COUNTED, true);
        return true;
      }
      case SLOW -> Thread.sleep(config.slowDelay().toMillis());
      case TRUNCATED_BODY -> ctx.attribute(TRUNCATE, true);
      case TOO_MANY_REQUESTS -> {
        long seconds = config.injectedRetryAfter().toSeconds();
        throw TooManyRequests.rateLimit(seconds);
      }
      default -> throw injectedError(fault);
    }
    return false;
  }

  private static ApiError injectedError(FaultKind fault) {
    return switch (fault) {
      case INTERNAL_ERROR ->
          new ApiError(
              500, "internal.server.error", "Injected fault: the server encountered an error");
      case BAD_GATEWAY -> new ApiError(502, "bad.gateway", "Injected fault: bad gateway");
      case SERVICE_UNAVAILABLE ->
          new ApiError(503, "service.unavailable", "Injected fault: the service is unavailable");
      default -> new ApiError(504, "gateway.timeout", "Injected fault: the gateway timed out");
    };
  }

  private String authenticate(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiError(
          401,
          "authentication.required",
          "No authentication bearer token specified in authorization header.");
    }
    return tokens
        .clientOf(header.substring(7).trim())
        .orElseThrow(
            () ->
                new ApiError(
                    401,
                    "bad.credentials",
                    "Invalid login credentials. The token is unknown or expired; get a new one"
                        + " from /oauth/token."));
  }

  private void limitRate(Context ctx, String clientId) {
    RateLimiter.Decision d = rateLimiter.take(clientId);
    ctx.header("inin-ratelimit-allowed", Integer.toString(d.limit()));
    ctx.header("inin-ratelimit-count", Integer.toString(d.used()));
    ctx.header("inin-ratelimit-reset", Long.toString(d.resetSeconds()));
    if (!d.allowed()) {
      throw TooManyRequests.rateLimit(d.retryAfterSeconds());
    }
  }

  private void finish(Context ctx) {
    if (ctx.path().startsWith(INTROSPECTION_PREFIX) || ctx.attribute(COUNTED) != null) {
      return;
    }
    Endpoint endpoint = ctx.attribute(ENDPOINT);
    counts.record(endpoint == null ? Endpoint.OTHER : endpoint, ctx.statusCode());
    if (ctx.attribute(TRUNCATE) != null) {
      byte[] body = readResult(ctx);
      ConnectionAbort.truncate(ctx, body);
      ctx.result(new byte[0]);
    }
  }

  private static byte[] readResult(Context ctx) {
    try (var in = ctx.resultInputStream()) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (java.io.IOException e) {
      return new byte[0];
    }
  }
}
