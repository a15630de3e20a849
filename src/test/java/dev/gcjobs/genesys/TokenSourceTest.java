package dev.gcjobs.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.genesys.GenesysAuthException.LikelyProblem;
import dev.gcjobs.genesys.StubGenesys.Answer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TokenSourceTest {
  private static final String SECRET = "the-secret-value";
  private StubGenesys stub;
  private final FakeTime time = new FakeTime();

  @BeforeEach
  void start() throws Exception {
    stub = new StubGenesys();
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  private GenesysClient client(Clock clock, Sleeper sleeper) {
    return GenesysClient.builder()
        .domain(stub.baseUrl())
        .credentials(new Credentials("client-1", SECRET))
        .clock(clock)
        .sleeper(sleeper)
        .build();
  }

  @Test
  void logsInWithBasicAuthAndCachesTheToken() {
    TokenSource tokens = client(time, time).tokens();

    AccessToken first = tokens.token();
    AccessToken again = tokens.token();

    assertThat(again).isSameAs(first);
    assertThat(first.value()).isEqualTo(StubGenesys.tokenValue(1));
    assertThat(stub.tokensIssued()).isEqualTo(1);
    StubGenesys.Request login = stub.requests().get(0);
    assertThat(login.method()).isEqualTo("POST");
    assertThat(login.body()).isEqualTo("grant_type=client_credentials");
    assertThat(login.authorization())
        .isEqualTo(new Credentials("client-1", SECRET).basicAuthorization());
  }

  @Test
  void fetchesTheNextTokenAFifthOfItsLifetimeBeforeItExpires() {
    stub.tokenLifetimeSeconds(300);
    TokenSource tokens = client(time, time).tokens();
    AccessToken first = tokens.token();
    assertThat(first.refreshAt()).isEqualTo(first.expiresAt().minusSeconds(60));

    time.advance(Duration.ofSeconds(239));
    assertThat(tokens.token()).isSameAs(first);
    time.advance(Duration.ofSeconds(2));
    assertThat(tokens.token().value()).isEqualTo(StubGenesys.tokenValue(2));
  }

  @Test
  void longLivedTokensAreRenewedFiveMinutesAhead() {
    AccessToken t = client(time, time).tokens().token();
    assertThat(Duration.between(t.refreshAt(), t.expiresAt())).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void manyWaitingCallersShareOneFetch() throws Exception {
    stub.tokenDelayMillis(300);
    TokenSource tokens = client(Clock.systemUTC(), Sleeper.SYSTEM).tokens();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<AccessToken>> results = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                return tokens.token();
              }));
    }
    go.countDown();
    Set<String> values = ConcurrentHashMap.newKeySet();
    for (Future<AccessToken> f : results) {
      values.add(f.get().value());
    }
    pool.shutdown();

    assertThat(stub.tokensIssued()).isEqualTo(1);
    assertThat(values).containsExactly(StubGenesys.tokenValue(1));
  }

  @Test
  void callersWaitingForAFailedLoginShareItsErrorInsteadOfLoggingInAgain() throws Exception {
    stub.tokenDelayMillis(300);
    stub.thenToken(Answer.json(401, "{\"error\":\"invalid_client\"}"));
    TokenSource tokens = client(Clock.systemUTC(), Sleeper.SYSTEM).tokens();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<AccessToken>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      results.add(
          pool.submit(
              () -> {
                go.await();
                return tokens.token();
              }));
    }
    go.countDown();
    for (Future<AccessToken> f : results) {
      assertThatThrownBy(f::get).hasCauseInstanceOf(GenesysAuthException.class);
    }
    pool.shutdown();

    assertThat(stub.requests()).hasSize(1);
    // A later call, not one that waited for the failed fetch, tries again.
    assertThat(tokens.token().value()).isEqualTo(StubGenesys.tokenValue(1));
  }

  @Test
  void invalidatingAnOldTokenTwiceFetchesOnlyOnce() {
    TokenSource tokens = client(time, time).tokens();
    AccessToken stale = tokens.token();

    tokens.invalidate(stale);
    AccessToken fresh = tokens.token();
    tokens.invalidate(stale);

    assertThat(tokens.token()).isSameAs(fresh);
    assertThat(stub.tokensIssued()).isEqualTo(2);
  }

  @Test
  void refusedCredentialsSayToCheckTheIdSecretAndRegion() {
    stub.thenToken(
        Answer.json(401, "{\"error\":\"invalid_client\",\"description\":\"client not found\"}"));

    assertThatThrownBy(() -> client(time, time).tokens().token())
        .isInstanceOfSatisfying(
            GenesysAuthException.class,
            e -> {
              assertThat(e.likelyProblem()).isEqualTo(LikelyProblem.CREDENTIALS);
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.code()).isEqualTo("invalid_client");
              assertThat(e.getMessage())
                  .contains(
                      "GENESYS_CLIENT_ID (client-1)", "GENESYS_CLIENT_SECRET", "GENESYS_DOMAIN")
                  .doesNotContain(SECRET);
            });
    assertThat(stub.requests()).hasSize(1);
  }

  @Test
  void aClientWithoutTheClientCredentialsGrantIsToldSo() {
    stub.thenToken(Answer.json(400, "{\"error\":\"unauthorized_client\"}"));
    assertThatThrownBy(() -> client(time, time).tokens().token())
        .isInstanceOfSatisfying(
            GenesysAuthException.class,
            e -> {
              assertThat(e.likelyProblem()).isEqualTo(LikelyProblem.GRANT);
              assertThat(e.getMessage()).contains("Client Credentials");
            });
  }

  @Test
  void aMissingTokenEndpointPointsAtTheRegion() {
    stub.thenToken(Answer.json(404, "not here"));
    assertThatThrownBy(() -> client(time, time).tokens().token())
        .isInstanceOfSatisfying(
            GenesysAuthException.class,
            e -> {
              assertThat(e.likelyProblem()).isEqualTo(LikelyProblem.REGION);
              assertThat(e.getMessage()).contains("GENESYS_DOMAIN");
            });
  }

  @Test
  void anUnreachableLoginHostPointsAtTheRegionAfterRetrying() {
    GenesysClient client = client(time, time);
    stub.close();
    assertThatThrownBy(() -> client.tokens().token())
        .isInstanceOfSatisfying(
            GenesysAuthException.class,
            e -> {
              assertThat(e.likelyProblem()).isEqualTo(LikelyProblem.REGION);
              assertThat(e.getMessage())
                  .contains("failed 10 times", "GENESYS_DOMAIN")
                  .doesNotContain(SECRET);
            });
  }

  @Test
  void transientLoginFailuresAreRetried() {
    stub.thenToken(
        Answer.error(503, "unavailable", "busy"),
        Answer.connectionReset(),
        Answer.json(200, "{\"access_token\":\"only-half"));
    assertThat(client(time, time).tokens().token().value()).isEqualTo(StubGenesys.tokenValue(1));
  }
}
