package dev.gcjobs.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.genesys.StubGenesys.Answer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Neither the client secret nor any token shows up in logs, errors or metrics, run good or bad. */
@Tag("unit")
class SecretsNeverLeakTest {
  private static final String SECRET = "Sup3r-S3cret-Value";
  private final FakeTime time = new FakeTime();
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final List<String> seen = new ArrayList<>();

  @Test
  void aSucceedingRunThroughRetriesAndRefreshesShowsNoSecretOrToken() throws Exception {
    try (StubGenesys stub = new StubGenesys();
        LogCapture logs = new LogCapture()) {
      stub.thenToken(Answer.error(503, "busy", "later"));
      stub.thenApi(
          Answer.error(401, "bad.credentials", "expired"),
          Answer.error(503, "busy", "later"),
          Answer.json(429, "{}", Map.of("Retry-After", "2")),
          Answer.json(202, "{\"jobId\":\"j\"}"));
      GenesysClient client = client(stub);
      seen.add(
          client
              .analyticsJobs()
              .submit(JobKind.CONVERSATION_DETAILS, new ObjectMapper().readTree("{}")));
      seen.add(client.tokens().token().toString());
      seen.addAll(logs.lines());
      assertNothingLeaked(stub);
      assertThat(logs.lines()).isNotEmpty();
    }
  }

  @Test
  void aFailingRunShowsNoSecretOrTokenInItsErrorsOrLogs() throws Exception {
    try (StubGenesys stub = new StubGenesys();
        LogCapture logs = new LogCapture()) {
      GenesysClient client = client(stub);
      stub.thenApi(Answer.error(403, "missing.any.permissions", "no permission"));
      record(() -> client.analyticsJobs().status(JobKind.CONVERSATION_DETAILS, "j"));
      stub.apiDefault(r -> Answer.error(503, "busy", "later"));
      record(() -> client.analyticsJobs().availability());
      stub.thenApi(
          Answer.error(401, "bad.credentials", "no"), Answer.error(401, "bad.credentials", "no"));
      record(() -> client.analyticsJobs().availability());

      stub.thenToken(Answer.json(401, "{\"error\":\"invalid_client\"}"));
      GenesysClient badLogin = client(stub);
      record(() -> badLogin.tokens().token());
      seen.add(new Credentials("id", SECRET).toString());
      seen.addAll(logs.lines());
      assertThat(seen).hasSizeGreaterThanOrEqualTo(5);
      assertNothingLeaked(stub);
    }
  }

  private GenesysClient client(StubGenesys stub) {
    return GenesysClient.builder()
        .domain(stub.baseUrl())
        .credentials(new Credentials("client-1", SECRET))
        .clock(time)
        .sleeper(time)
        .meterRegistry(registry)
        .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(3))
        .build();
  }

  private void record(Runnable call) {
    Throwable t = catchThrowable(call::run);
    assertThat(t).isInstanceOf(GenesysException.class);
    for (Throwable c = t; c != null; c = c.getCause()) {
      seen.add(c.toString());
    }
  }

  private void assertNothingLeaked(StubGenesys stub) {
    for (Meter m : registry.getMeters()) {
      seen.add(m.getId().getName());
      m.getId().getTags().stream()
          .map(io.micrometer.core.instrument.Tag::getValue)
          .forEach(seen::add);
    }
    List<String> forbidden = new ArrayList<>(List.of(SECRET));
    forbidden.add(Base64.getEncoder().encodeToString(("client-1:" + SECRET).getBytes()));
    for (int n = 1; n <= stub.tokensIssued(); n++) {
      forbidden.add(StubGenesys.tokenValue(n));
    }
    assertThat(stub.tokensIssued()).isPositive();
    for (String text : seen) {
      for (String secret : forbidden) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }
}
