package dev.gcjobs.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supplies OAuth access tokens (client-credentials grant) for API calls: fetches one on first use,
 * caches it, and fetches the next a little before it expires.
 *
 * <p>However many callers need a token at once, only one fetch is in flight; the others wait for it
 * (and share its failure, if it fails), or keep using the current token while it is still valid.
 * After a 401, the caller {@linkplain #invalidate(AccessToken) invalidates} the token it used, and
 * the next {@link #token()} fetches a fresh one (once, even if many callers saw the same 401).
 *
 * <p>Transient login failures (429, 502, 503, 504, network) are retried in the retry loop API calls
 * use, under the client's {@link RetryPolicy}, honouring any {@code Retry-After}. A refused login
 * raises {@link GenesysAuthException} saying what is likely wrong: the client id or secret, the
 * grant type, or the region. Tokens and the secret never appear in logs or messages. Thread-safe.
 */
public final class TokenSource {
  private static final Logger log = LoggerFactory.getLogger(TokenSource.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENDPOINT = "POST /oauth/token";

  /** Long-lived tokens are renewed this long before they expire, so no call carries a stale one. */
  static final Duration MAX_REFRESH_AHEAD = Duration.ofMinutes(5);

  /** Short-lived tokens are renewed when this fraction (1/5) of their life is left. */
  static final int REFRESH_AHEAD_DIVISOR = 5;

  /** Genesys's shortest token lifetime, assumed when the answer does not say. */
  static final Duration MIN_LIFETIME = Duration.ofSeconds(300);

  private final Region region;
  private final Credentials credentials;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final RetryLoop retries;
  private final Clock clock;
  private final GenesysMetrics metrics;
  private final AtomicReference<AccessToken> current = new AtomicReference<>();
  private final ReentrantLock fetching = new ReentrantLock();
  // Both written only while holding {@code fetching}.
  private volatile long fetchesDone;
  private volatile GenesysAuthException lastFailure;

  TokenSource(
      Region region,
      Credentials credentials,
      HttpClient http,
      Duration requestTimeout,
      RetryLoop retries,
      Clock clock,
      GenesysMetrics metrics) {
    this.region = region;
    this.credentials = credentials;
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.retries = retries;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * A valid token: the cached one, or a freshly fetched one when there is none, it was invalidated,
   * or it is due for renewal.
   *
   * @throws GenesysAuthException when login fails
   */
  public AccessToken token() {
    AccessToken t = current.get();
    Instant now = clock.instant();
    if (t != null && now.isBefore(t.refreshAt())) {
      return t;
    }
    long fetchesSeen = fetchesDone;
    // Due for renewal but still valid: if another caller is already fetching, keep using this one.
    if (t != null && now.isBefore(t.expiresAt()) && !fetching.tryLock()) {
      return t;
    }
    if (!fetching.isHeldByCurrentThread()) {
      fetching.lock();
    }
    try {
      AccessToken latest = current.get();
      if (latest != null && clock.instant().isBefore(latest.refreshAt())) {
        return latest;
      }
      // The fetch this caller waited for failed: share its answer rather than log in again.
      if (fetchesDone != fetchesSeen && lastFailure != null) {
        throw lastFailure;
      }
      try {
        AccessToken fresh = fetch();
        current.set(fresh);
        lastFailure = null;
        return fresh;
      } catch (GenesysAuthException e) {
        lastFailure = e;
        throw e;
      } finally {
        fetchesDone++;
      }
    } finally {
      fetching.unlock();
    }
  }

  /**
   * Forgets {@code stale} after Genesys answered 401 to it, so that the next {@link #token()}
   * fetches a new one. Does nothing if a newer token has replaced it already.
   */
  public void invalidate(AccessToken stale) {
    if (current.compareAndSet(stale, null)) {
      log.info("Genesys answered 401 to the current token; fetching a new one");
    }
  }

  private AccessToken fetch() {
    return retries.run(new Login());
  }

  /** One login (one token fetch) in the retry loop. */
  private final class Login implements RetryLoop.Call<AccessToken> {
    private final String host = region.tokenUri().getHost();

    @Override
    public String endpoint() {
      return ENDPOINT;
    }

    @Override
    public String subject() {
      return "Genesys login at " + host;
    }

    @Override
    public RetryLoop.Attempt<AccessToken> attempt(Instant deadline) {
      Instant sent = clock.instant();
      HttpResponse<byte[]> response;
      try {
        response = http.send(request(deadline), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        metrics.request(
            ENDPOINT, GenesysMetrics.NO_ANSWER, Duration.between(sent, clock.instant()));
        RetryReason reason = RetryReason.forException(e);
        if (reason == null) {
          metrics.tokenFetch(false);
          throw unreachable(e);
        }
        return RetryLoop.Attempt.failed(
            RetryLoop.Failure.of(reason, e.getClass().getSimpleName(), 0));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GenesysAuthException(
            "interrupted while logging in to Genesys Cloud at " + host,
            GenesysAuthException.LikelyProblem.SERVICE,
            0,
            ErrorBody.EMPTY,
            "POST",
            region.tokenUri().getPath(),
            e);
      }
      int status = response.statusCode();
      metrics.request(ENDPOINT, Integer.toString(status), Duration.between(sent, clock.instant()));
      if (status == 200) {
        try {
          AccessToken token = parse(response.body(), sent);
          metrics.tokenFetch(true);
          log.info(
              "Logged in to Genesys Cloud at {} as OAuth client {}; token valid until {}",
              host,
              credentials.clientId(),
              token.expiresAt());
          return RetryLoop.Attempt.succeeded(token);
        } catch (MalformedResponseException e) {
          return RetryLoop.Attempt.failed(
              RetryLoop.Failure.of(RetryReason.MALFORMED_BODY, e.getMessage(), status));
        }
      }
      // Asking for a token again is always safe.
      RetryReason reason = RetryReason.forStatus(status, true);
      if (reason == null) {
        metrics.tokenFetch(false);
        throw refused(status, response.body());
      }
      // A login pauses no one else, so it waits out a Retry-After on any retryable answer.
      return RetryLoop.Attempt.failed(
          new RetryLoop.Failure(
              reason,
              "HTTP " + status,
              status,
              ErrorBody.EMPTY,
              RetryAfter.from(response.headers(), clock.instant())));
    }

    @Override
    public GenesysException gaveUp(int attempts, RetryLoop.Failure last, String why) {
      // Logins take no permit, so the loop gives up only after an attempt: last is never null.
      metrics.tokenFetch(false);
      return TokenSource.this.gaveUp(last.reason(), last.description(), attempts);
    }

    @Override
    public GenesysException interrupted(
        InterruptedException e, int attempts, RetryLoop.Failure last) {
      return TokenSource.this.gaveUp(last.reason(), "interrupted", attempts);
    }
  }

  private HttpRequest request(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    Duration timeout = left.compareTo(requestTimeout) < 0 ? left : requestTimeout;
    return HttpRequest.newBuilder(region.tokenUri())
        .timeout(timeout.isNegative() || timeout.isZero() ? Duration.ofMillis(1) : timeout)
        .header("Authorization", credentials.basicAuthorization())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
        .build();
  }

  private static AccessToken parse(byte[] body, Instant issued) throws MalformedResponseException {
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException e) {
      throw new MalformedResponseException("the token answer is truncated or not JSON", null);
    }
    if (answer == null
        || !answer.path("access_token").isTextual()
        || answer.path("access_token").asText().isEmpty()) {
      throw new MalformedResponseException("the token answer has no access_token", null);
    }
    long seconds = answer.path("expires_in").asLong(0);
    Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : MIN_LIFETIME;
    Duration ahead = lifetime.dividedBy(REFRESH_AHEAD_DIVISOR);
    if (ahead.compareTo(MAX_REFRESH_AHEAD) > 0) {
      ahead = MAX_REFRESH_AHEAD;
    }
    Instant expires = issued.plus(lifetime);
    return new AccessToken(
        answer.get("access_token").asText(), expires, expires.minus(ahead), issued);
  }

  private GenesysAuthException refused(int status, byte[] body) {
    OAuthError error = OAuthError.parse(body);
    String host = region.tokenUri().getHost();
    String answer = "HTTP " + status + (error.code() == null ? "" : " " + error.code());
    GenesysAuthException.LikelyProblem problem;
    String advice;
    if (status == 404 || status == 405) {
      problem = GenesysAuthException.LikelyProblem.REGION;
      advice =
          "there is no Genesys token endpoint at "
              + region.tokenUri()
              + "; check "
              + Region.SETTING
              + " ("
              + region.name()
              + ")";
    } else if ("unauthorized_client".equals(error.code())
        || "unsupported_grant_type".equals(error.code())
        || status == 403) {
      problem = GenesysAuthException.LikelyProblem.GRANT;
      advice =
          "OAuth client "
              + credentials.clientId()
              + " may not use the client-credentials grant or is disabled; in Admin > OAuth give"
              + " it the grant type 'Client Credentials' and a role";
    } else if (status == 400 || status == 401) {
      problem = GenesysAuthException.LikelyProblem.CREDENTIALS;
      advice =
          "the client id or secret is wrong; check "
              + Credentials.CLIENT_ID_SETTING
              + " ("
              + credentials.clientId()
              + ") and "
              + Credentials.CLIENT_SECRET_SETTING
              + ", and that the OAuth client was created in region "
              + region.name()
              + " ("
              + Region.SETTING
              + ")";
    } else {
      problem = GenesysAuthException.LikelyProblem.SERVICE;
      advice = "Genesys login is failing; try again later";
    }
    return new GenesysAuthException(
        "Genesys login at " + host + " refused (" + answer + "): " + advice,
        problem,
        status,
        new ErrorBody(error.code(), error.description(), null),
        "POST",
        region.tokenUri().getPath(),
        null);
  }

  private GenesysAuthException unreachable(IOException e) {
    return new GenesysAuthException(
        "could not reach Genesys login at "
            + region.tokenUri().getHost()
            + " ("
            + e.getClass().getSimpleName()
            + "); check "
            + Region.SETTING
            + " ("
            + region.name()
            + ") and the network or proxy",
        GenesysAuthException.LikelyProblem.REGION,
        0,
        ErrorBody.EMPTY,
        "POST",
        region.tokenUri().getPath(),
        e);
  }

  private GenesysAuthException gaveUp(RetryReason reason, String lastFailure, int attempts) {
    boolean network = reason == RetryReason.CONNECTION_FAILED || reason == RetryReason.TIMEOUT;
    return new GenesysAuthException(
        "Genesys login at "
            + region.tokenUri().getHost()
            + " failed "
            + attempts
            + " times (last: "
            + lastFailure
            + ")"
            + (network
                ? "; check " + Region.SETTING + " (" + region.name() + ") and the network or proxy"
                : "; Genesys login is failing, try again later"),
        network
            ? GenesysAuthException.LikelyProblem.REGION
            : GenesysAuthException.LikelyProblem.SERVICE,
        0,
        ErrorBody.EMPTY,
        "POST",
        region.tokenUri().getPath(),
        null);
  }

  /** The fields of an OAuth error answer ({@code {"error": "invalid_client", ...}}). */
  private record OAuthError(String code, String description) {
    static OAuthError parse(byte[] body) {
      try {
        JsonNode node = JSON.readTree(body);
        if (node == null || !node.isObject()) {
          return new OAuthError(null, null);
        }
        String code =
            node.hasNonNull("error") ? node.get("error").asText() : node.path("code").asText(null);
        String description =
            node.hasNonNull("error_description")
                ? node.get("error_description").asText()
                : node.path("description").asText(node.path("message").asText(null));
        return new OAuthError(code, description);
      } catch (IOException notJson) {
        return new OAuthError(null, null);
      }
    }
  }
}
