package dev.gcjobs.genesys;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.event.Level;

/**
 * The only code that talks to Genesys Cloud: sends API requests with an OAuth token, within the
 * shared {@link RateBudget}, retrying transient failures under a {@link RetryPolicy}.
 *
 * <p>Each {@link #send} call:
 *
 * <ol>
 *   <li>takes a permit from the budget (blocking; a 429's {@code Retry-After} pauses all callers);
 *   <li>sends the request with a token from the {@link TokenSource};
 *   <li>on 401, invalidates that token and sends once more with a fresh one;
 *   <li>on 429, 502, 503, 504, connection failures, timeouts and malformed 2xx bodies, waits
 *       (Retry-After, or full-jitter backoff) and tries again, until the attempts are used up or
 *       the next wait would pass the call's deadline;
 *   <li>on any other non-2xx, throws {@link GenesysException} with status, Genesys code, message,
 *       contextId, method and path.
 * </ol>
 *
 * <p>Metrics go to the given {@link MeterRegistry}: {@code genesys.requests} (timer by endpoint and
 * status), {@code genesys.retries} (by endpoint and reason), {@code genesys.rate_limited}, {@code
 * genesys.budget.wait} and {@code genesys.token.fetches}. Thread-safe: one client serves any number
 * of concurrent callers and shares one budget and token among them. Build it with {@link
 * #builder()}.
 */
public final class GenesysClient {
  /** Time to open a TCP (and TLS) connection before the attempt counts as a timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Time for one attempt's answer; a 1000-record results page of a few MB fits comfortably. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final Region region;
  private final HttpClient http;
  private final TokenSource tokens;
  private final RateBudget budget;
  private final Duration requestTimeout;
  private final Clock clock;
  private final GenesysMetrics metrics;
  private final RetryLoop apiCalls;
  private final AnalyticsJobsApi analyticsJobs;

  private GenesysClient(Builder b, Region region, Credentials credentials) {
    this.region = region;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            // Plain-HTTP loopback speaks HTTP/1.1; skipping the h2c upgrade saves a round trip.
            .version(region.isLoopback() ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.requestTimeout = b.requestTimeout;
    this.clock = b.clock;
    this.metrics =
        new GenesysMetrics(b.meterRegistry != null ? b.meterRegistry : new SimpleMeterRegistry());
    this.budget =
        b.budget != null ? b.budget : new RateBudget(b.requestsPerMinute, b.clock, b.sleeper);
    // API retries are routine under load, so each logs at DEBUG only.
    this.apiCalls =
        new RetryLoop(b.retryPolicy, budget, Level.DEBUG, clock, b.sleeper, b.random, metrics);
    // Logins take no permit: they are not API requests, and one may run while a call holds a
    // permit already. A retried login is rare and worth seeing, so it logs at INFO.
    RetryLoop logins =
        new RetryLoop(b.retryPolicy, null, Level.INFO, clock, b.sleeper, b.random, metrics);
    this.tokens =
        new TokenSource(region, credentials, http, requestTimeout, logins, clock, metrics);
    this.analyticsJobs = new AnalyticsJobsApi(this);
  }

  /** A builder with the defaults: 280 requests per minute, {@link RetryPolicy#DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The analytics jobs API (conversation and user details) on this client. */
  public AnalyticsJobsApi analyticsJobs() {
    return analyticsJobs;
  }

  /** Where this client connects. */
  public Region region() {
    return region;
  }

  /** The rate budget all of this client's requests share. */
  public RateBudget budget() {
    return budget;
  }

  /** The token source of this client. */
  public TokenSource tokens() {
    return tokens;
  }

  /** The retry policy of every call. */
  public RetryPolicy retryPolicy() {
    return apiCalls.policy();
  }

  /** The registry the client's meters are in. */
  public MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  /**
   * Sends {@code request} until it succeeds, fails for good, or runs out of attempts or time; see
   * the class comment for the steps.
   *
   * @param reader reads a 2xx answer; it may be called again after it found a body malformed
   * @return what {@code reader} returned for the first well-formed 2xx answer
   * @throws GenesysException on a final error answer, or when retries are exhausted ({@link
   *     GenesysException#isTransient()} is then true)
   * @throws GenesysAuthException when login fails or Genesys refuses a fresh token
   */
  public <T> T send(ApiRequest request, ResponseReader<T> reader) {
    return apiCalls.run(new ApiCall<>(request, reader));
  }

  /**
   * A token refused within this time of its fetch is an authentication failure: nothing else could
   * have made it go bad so soon.
   */
  static final Duration FRESH_TOKEN = Duration.ofSeconds(2);

  /**
   * Fresh tokens one call may fetch after 401s: each is refused only after it aged, which a proxy
   * or budget wait can repeat, but not without end.
   */
  private static final int MAX_TOKEN_REFRESHES_PER_CALL = 3;

  private static boolean isFresh(AccessToken token, Instant sent) {
    Duration quarterLife = Duration.between(token.issuedAt(), token.expiresAt()).dividedBy(4);
    Duration fresh = quarterLife.compareTo(FRESH_TOKEN) < 0 ? quarterLife : FRESH_TOKEN;
    return Duration.between(token.issuedAt(), sent).compareTo(fresh) < 0;
  }

  /** One {@link #send} in the retry loop: a token for each attempt, a fresh one after a 401. */
  private final class ApiCall<T> implements RetryLoop.Call<T> {
    private final ApiRequest request;
    private final ResponseReader<T> reader;
    private int tokenRefreshes;

    ApiCall(ApiRequest request, ResponseReader<T> reader) {
      this.request = request;
      this.reader = reader;
    }

    @Override
    public String endpoint() {
      return request.endpoint();
    }

    @Override
    public String subject() {
      return request.toString();
    }

    @Override
    public RetryLoop.Attempt<T> attempt(Instant deadline) {
      AccessToken token = tokens.token();
      Instant sent = clock.instant();
      HttpResponse<byte[]> response;
      try {
        response =
            http.send(
                httpRequest(request, token, deadline), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        metrics.request(
            request.endpoint(), GenesysMetrics.NO_ANSWER, Duration.between(sent, clock.instant()));
        RetryReason reason = RetryReason.forException(e);
        if (reason == null) {
          throw notSecure(request, e);
        }
        return RetryLoop.Attempt.failed(
            RetryLoop.Failure.of(reason, e.getClass().getSimpleName(), 0));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw GenesysClient.interrupted(request, e);
      }
      int status = response.statusCode();
      metrics.request(
          request.endpoint(), Integer.toString(status), Duration.between(sent, clock.instant()));
      RateLimitHeaders.from(response.headers()).ifPresent(budget::observe);
      if (status / 100 == 2) {
        try {
          byte[] body = ContentEncoding.decode(response.headers(), response.body());
          return RetryLoop.Attempt.succeeded(
              reader.read(new ApiResponse(status, response.headers(), body)));
        } catch (MalformedResponseException e) {
          return RetryLoop.Attempt.failed(
              RetryLoop.Failure.of(RetryReason.MALFORMED_BODY, e.getMessage(), status));
        }
      }
      if (status == 401
          && tokenRefreshes < MAX_TOKEN_REFRESHES_PER_CALL
          && (tokenRefreshes == 0 || !isFresh(token, sent))) {
        // A refused token gets one fresh successor, at once: it expired or was revoked early. So
        // does every later one that aged before it was sent (it waited in the rate budget past its
        // life, or a proxy refuses tokens after a while). Only a fresh token refused moments after
        // it was fetched says the credentials themselves are refused.
        tokenRefreshes++;
        tokens.invalidate(token);
        return RetryLoop.Attempt.repeat(RetryReason.UNAUTHORIZED);
      }
      ErrorBody body = ErrorBody.read(response.body(), response.headers());
      RetryReason reason = RetryReason.forStatus(status, request.idempotent());
      if (reason == null) {
        throw finalError(request, status, body);
      }
      // Only a 429's Retry-After is the token's rate limit, worth pausing every caller for.
      Duration retryAfter =
          reason == RetryReason.RATE_LIMITED
              ? RetryAfter.from(response.headers(), clock.instant())
              : null;
      return RetryLoop.Attempt.failed(
          new RetryLoop.Failure(reason, "HTTP " + status, status, body, retryAfter));
    }

    @Override
    public GenesysException gaveUp(int attempts, RetryLoop.Failure last, String why) {
      return GenesysClient.gaveUp(request, attempts, last, why);
    }

    @Override
    public GenesysException interrupted(
        InterruptedException e, int attempts, RetryLoop.Failure last) {
      return GenesysClient.interrupted(request, e);
    }
  }

  private HttpRequest httpRequest(ApiRequest request, AccessToken token, Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(region.apiBaseUri() + request.pathAndQuery()))
            .timeout(timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout)
            .header("Authorization", "Bearer " + token.value())
            .header("Accept", "application/json")
            .header("Accept-Encoding", ContentEncoding.ACCEPTED);
    if (request.jsonBody() == null) {
      return b.method(request.method(), HttpRequest.BodyPublishers.noBody()).build();
    }
    return b.header("Content-Type", "application/json")
        .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.jsonBody()))
        .build();
  }

  private static GenesysException interrupted(ApiRequest request, InterruptedException e) {
    return new GenesysException(
        request.method() + " " + request.path() + ": interrupted",
        0,
        null,
        null,
        null,
        request.method(),
        request.path(),
        false,
        e);
  }

  private GenesysException notSecure(ApiRequest request, IOException e) {
    return new GenesysException(
        request.method()
            + " "
            + request.path()
            + ": could not connect securely to "
            + region.apiBaseUri().getHost()
            + " ("
            + e.getClass().getSimpleName()
            + "); check the network, proxy and "
            + Region.SETTING,
        0,
        null,
        null,
        null,
        request.method(),
        request.path(),
        false,
        e);
  }

  private GenesysException finalError(ApiRequest request, int status, ErrorBody body) {
    if (status == 401) {
      return new GenesysAuthException(
          GenesysException.describe(
              request.method(),
              request.path(),
              status,
              body,
              "Genesys refused a freshly fetched token; the OAuth client may be disabled or deleted"),
          GenesysAuthException.LikelyProblem.GRANT,
          status,
          body,
          request.method(),
          request.path(),
          null);
    }
    String problem =
        status == 403
            ? "the OAuth client's role lacks a permission this call needs"
                + " (analytics:conversationDetail:view for detail jobs)"
            : null;
    return GenesysException.fromResponse(request.method(), request.path(), status, body, problem);
  }

  private static GenesysException gaveUp(
      ApiRequest request, int attempts, RetryLoop.Failure last, String why) {
    StringBuilder s =
        new StringBuilder(request.method())
            .append(' ')
            .append(request.path())
            .append(": gave up after ")
            .append(attempts)
            .append(attempts == 1 ? " attempt" : " attempts");
    if (why != null) {
      s.append("; ").append(why);
    }
    if (last != null) {
      s.append("; last failure: ").append(last.description());
      if (last.body().code() != null) {
        s.append(' ').append(last.body().code());
      }
      if (last.body().contextId() != null) {
        s.append(" (contextId ").append(last.body().contextId()).append(')');
      }
    }
    ErrorBody body = last == null ? ErrorBody.EMPTY : last.body();
    return new GenesysException(
        s.toString(),
        last == null ? 0 : last.status(),
        body.code(),
        body.message(),
        body.contextId(),
        request.method(),
        request.path(),
        true,
        null);
  }

  /**
   * Configures a {@link GenesysClient}. Setters validate at once and throw {@link
   * GenesysConfigException} naming the setting; {@link #build()} fails the same way when the region
   * or credentials are missing.
   */
  public static final class Builder {
    private String domain;
    private String domainSetting = Region.SETTING;
    private String clientId;
    private String clientSecret;
    private int requestsPerMinute = RateBudget.DEFAULT_REQUESTS_PER_MINUTE;
    private RateBudget budget;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private MeterRegistry meterRegistry;

    private Builder() {}

    /**
     * Applies the settings present in {@code env}: {@code GENESYS_DOMAIN}, {@code
     * GENESYS_CLIENT_ID}, {@code GENESYS_CLIENT_SECRET}, {@code GCJOBS_REQUESTS_PER_MINUTE}. Absent
     * variables leave the builder as it was, so flags can be applied before or after.
     */
    public Builder fromEnvironment(Map<String, String> env) {
      if (env.get(Region.SETTING) != null) {
        domain(env.get(Region.SETTING));
      }
      if (env.get(Credentials.CLIENT_ID_SETTING) != null) {
        clientId = env.get(Credentials.CLIENT_ID_SETTING);
      }
      if (env.get(Credentials.CLIENT_SECRET_SETTING) != null) {
        clientSecret = env.get(Credentials.CLIENT_SECRET_SETTING);
      }
      String rate = env.get(RateBudget.SETTING);
      if (rate != null && !rate.isBlank()) {
        try {
          requestsPerMinute(Long.parseLong(rate.strip()));
        } catch (NumberFormatException e) {
          throw new GenesysConfigException(
              RateBudget.SETTING,
              "must be a whole number of requests per minute, got '" + rate + "'");
        }
      }
      return this;
    }

    /** Where to connect: a region domain, an API host or a loopback URL (see {@link Region}). */
    public Builder domain(String domain) {
      return domain(domain, Region.SETTING);
    }

    /** Like {@link #domain(String)}, naming {@code setting} (such as a flag) in errors. */
    public Builder domain(String domain, String setting) {
      Region.parse(domain, setting);
      this.domain = domain;
      this.domainSetting = setting;
      return this;
    }

    /** Where to connect. */
    public Builder region(Region region) {
      return domain(region.name());
    }

    /** The OAuth client's id and secret. */
    public Builder credentials(Credentials credentials) {
      this.clientId = credentials.clientId();
      this.clientSecret = credentials.clientSecret();
      return this;
    }

    /** The steady request rate (default {@value RateBudget#DEFAULT_REQUESTS_PER_MINUTE}). */
    public Builder requestsPerMinute(long requestsPerMinute) {
      this.requestsPerMinute = RateBudget.validRate(requestsPerMinute);
      return this;
    }

    /** A budget to share with other clients of the same OAuth client (instead of a new one). */
    public Builder budget(RateBudget budget) {
      this.budget = budget;
      return this;
    }

    /** How calls are retried (default {@link RetryPolicy#DEFAULT}). */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /** Time to open a connection (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connect timeout");
      return this;
    }

    /** Time for one attempt's answer (default 60 s); the call deadline also bounds it. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "request timeout");
      return this;
    }

    /** The time source (default the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How the client waits (default {@link Sleeper#SYSTEM}); pair with a fake clock in tests. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Uniform random numbers in [0, 1) for backoff jitter (default a thread-local random). */
    public Builder random(DoubleSupplier random) {
      this.random = random;
      return this;
    }

    /** Where metrics go (default a new {@link SimpleMeterRegistry}). */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = registry;
      return this;
    }

    /**
     * @throws GenesysConfigException when the region or the credentials are missing or invalid
     */
    public GenesysClient build() {
      Region region = Region.parse(domain, domainSetting);
      Credentials credentials = new Credentials(clientId, clientSecret);
      return new GenesysClient(this, region, credentials);
    }

    private static Duration positive(Duration d, String setting) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new GenesysConfigException(setting, "must be a positive duration, got " + d);
      }
      return d;
    }
  }
}
