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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger log = LoggerFactory.getLogger(GenesysClient.class);

  /** Rate-limit pauses this long or longer are logged at INFO; shorter ones at DEBUG. */
  private static final Duration NOTABLE_PAUSE = Duration.ofSeconds(1);

  /** Time to open a TCP (and TLS) connection before the attempt counts as a timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Time for one attempt's answer; a 1000-record results page of a few MB fits comfortably. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final Region region;
  private final HttpClient http;
  private final TokenSource tokens;
  private final RateBudget budget;
  private final RetryPolicy retryPolicy;
  private final Duration requestTimeout;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final GenesysMetrics metrics;
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
    this.retryPolicy = b.retryPolicy;
    this.requestTimeout = b.requestTimeout;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.metrics =
        new GenesysMetrics(b.meterRegistry != null ? b.meterRegistry : new SimpleMeterRegistry());
    this.budget =
        b.budget != null ? b.budget : new RateBudget(b.requestsPerMinute, b.clock, b.sleeper);
    this.tokens =
        new TokenSource(
            region,
            credentials,
            http,
            requestTimeout,
            retryPolicy,
            clock,
            sleeper,
            random,
            metrics);
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
    return retryPolicy;
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
    Instant deadline = clock.instant().plus(retryPolicy.callDeadline());
    int attempts = 0;
    boolean tokenRefreshed = false;
    Failure last = null;
    while (true) {
      Optional<Duration> waited = budget.acquireBefore(deadline);
      if (waited.isEmpty()) {
        throw gaveUp(request, attempts, last, "the rate budget had no permit before the deadline");
      }
      metrics.budgetWait(waited.get());
      AccessToken token = tokens.token();
      attempts++;
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
        last = new Failure(reason, e.getClass().getSimpleName(), 0, ErrorBody.EMPTY);
        if (!retryAfterWait(request, attempts, last, null, deadline)) {
          throw gaveUp(request, attempts, last, null);
        }
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(request, e);
      }
      int status = response.statusCode();
      metrics.request(
          request.endpoint(), Integer.toString(status), Duration.between(sent, clock.instant()));
      RateLimitHeaders.from(response.headers()).ifPresent(budget::observe);
      Duration retryAfter = null;
      if (status / 100 == 2) {
        try {
          byte[] body = ContentEncoding.decode(response.headers(), response.body());
          return reader.read(new ApiResponse(status, response.headers(), body));
        } catch (MalformedResponseException e) {
          last = new Failure(RetryReason.MALFORMED_BODY, e.getMessage(), status, ErrorBody.EMPTY);
        }
      } else if (status == 401 && !tokenRefreshed) {
        // The token expired or was revoked early: one fresh token, one more try, at once; that
        // try is not a retry of a transient failure, so it does not use up an attempt.
        tokenRefreshed = true;
        tokens.invalidate(token);
        metrics.retry(request.endpoint(), "unauthorized");
        attempts--;
        continue;
      } else {
        ErrorBody body = ErrorBody.read(response.body(), response.headers());
        RetryReason reason = RetryReason.forStatus(status);
        if (reason == null) {
          throw finalError(request, status, body);
        }
        last = new Failure(reason, "HTTP " + status, status, body);
        if (reason == RetryReason.RATE_LIMITED) {
          retryAfter = RetryAfter.from(response.headers(), clock.instant());
        }
      }
      if (!retryAfterWait(request, attempts, last, retryAfter, deadline)) {
        throw gaveUp(request, attempts, last, null);
      }
    }
  }

  /** Waits before the next attempt; false when no attempt may follow (attempts or time used up). */
  private boolean retryAfterWait(
      ApiRequest request, int attempts, Failure last, Duration retryAfter, Instant deadline) {
    Instant now = clock.instant();
    Optional<Duration> delay =
        retryPolicy.delayBeforeRetry(attempts, retryAfter, now, deadline, random.getAsDouble());
    if (delay.isEmpty()) {
      return false;
    }
    metrics.retry(request.endpoint(), last.reason().tag());
    if (retryAfter != null) {
      // The whole token is over its limit: pause every caller, not just this one.
      log.atLevel(delay.get().compareTo(NOTABLE_PAUSE) >= 0 ? Level.INFO : Level.DEBUG)
          .log(
              "Genesys rate limit reached on {}; pausing all requests for {} ms (Retry-After)",
              request.endpoint(),
              delay.get().toMillis());
      budget.pauseUntil(now.plus(delay.get()));
      return true;
    }
    log.debug(
        "{} failed ({}); retrying in {} ms (attempt {} of {})",
        request,
        last.description(),
        delay.get().toMillis(),
        attempts + 1,
        retryPolicy.maxAttempts());
    try {
      sleeper.sleep(delay.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(request, e);
    }
    return true;
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

  private GenesysException gaveUp(ApiRequest request, int attempts, Failure last, String why) {
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

  /** What went wrong with the latest attempt. */
  private record Failure(RetryReason reason, String description, int status, ErrorBody body) {}

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
