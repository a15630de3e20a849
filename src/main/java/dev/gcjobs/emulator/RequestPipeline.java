package dev.gcjobs.emulator;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.UUID;

/**
 * What happens around every emulated endpoint, in this order: a correlation id, bearer
 * authentication and the client's rate limit (API paths only), the injected fault (if any), the
 * handler; after it, the request is counted (and, when it names a job, added to the job's log) and
 * the answer is gzipped when the client accepts it, and an injected truncation cuts it.
 */
final class RequestPipeline {
  private static final String CORRELATION_ID = "gcjobs.correlationId";
  private static final String ENDPOINT = "gcjobs.endpoint";
  private static final String CLIENT_ID = "gcjobs.clientId";
  private static final String TRUNCATE = "gcjobs.truncate";
  private static final String COUNTED = "gcjobs.counted";
  private static final String STARTED = "gcjobs.started";
  private static final String JOB_ID = "gcjobs.jobId";
  private static final String INTROSPECTION_PREFIX = "/emulator/";

  /**
   * Times the requests of a job's log. Not the config's clock: reading a test's ticking clock moves
   * the emulated time (tokens expire sooner), and overlapping requests are a matter of real time.
   */
  private static final Clock WALL_CLOCK = Clock.systemUTC();

  private final Faults faults;
  private final RequestCounts counts;
  private final TokenStore tokens;
  private final RateLimiter rateLimiter;
  private final JobRegistry jobs;
  private final EmulatorConfig config;

  RequestPipeline(
      EmulatorConfig config,
      Faults faults,
      RequestCounts counts,
      TokenStore tokens,
      RateLimiter rateLimiter,
      JobRegistry jobs) {
    this.config = config;
    this.faults = faults;
    this.counts = counts;
    this.tokens = tokens;
    this.rateLimiter = rateLimiter;
    this.jobs = jobs;
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
      ctx.attribute(STARTED, WALL_CLOCK.instant());
      ctx.attribute(JOB_ID, ctx.pathParamMap().get("jobId"));
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
      case BAD_REQUEST ->
          new ApiError(400, "bad.request", "Injected fault: the request is invalid");
      case NOT_FOUND ->
          new ApiError(404, "not.found", "Injected fault: the resource was not found");
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
            // Genesys' words for an expired, revoked or unknown token alike: no hint which.
            () -> new ApiError(401, "bad.credentials", "Invalid login credentials."));
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
    if (ctx.path().startsWith(INTROSPECTION_PREFIX)) {
      return;
    }
    Endpoint endpoint = ctx.attribute(ENDPOINT);
    boolean reset = ctx.attribute(COUNTED) != null;
    int status = reset ? RequestCounts.CONNECTION_RESET : ctx.statusCode();
    String jobId = ctx.attribute(JOB_ID);
    if (jobId != null) {
      String cursor =
          endpoint == Endpoint.RESULTS || endpoint == Endpoint.USER_RESULTS
              ? ctx.queryParam("cursor")
              : null;
      jobs.recordRequest(
          jobId,
          new JobRequest(
              endpoint,
              clientId(ctx),
              cursor,
              status,
              ctx.attribute(STARTED),
              WALL_CLOCK.instant()));
    }
    if (reset) {
      return; // counted when the connection was reset
    }
    counts.record(endpoint == null ? Endpoint.OTHER : endpoint, status);
    boolean gzip = config.compressResponses() && ResponseCompression.wanted(ctx);
    boolean truncate = ctx.attribute(TRUNCATE) != null;
    if (!gzip && !truncate) {
      return;
    }
    byte[] body = readResult(ctx); // consumes the result: it is set again below
    if (gzip && body.length > 0) {
      body = ResponseCompression.compress(ctx, body);
    }
    if (truncate) {
      ConnectionAbort.truncate(ctx, body); // cuts the bytes sent: compressed ones when asked
      ctx.result(new byte[0]);
    } else {
      ctx.result(body);
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
