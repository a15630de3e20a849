package dev.gcjobs.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.genesys.RetryLoop.Attempt;
import dev.gcjobs.genesys.RetryLoop.Failure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.event.Level;

/** The shared retry loop on a fake clock: nothing here really sleeps. */
@Tag("unit")
@Timeout(10)
class RetryLoopTest {
  private static final String ENDPOINT = "GET /api/v2/things/{id}";
  private static final Failure BUSY = Failure.of(RetryReason.SERVER_UNAVAILABLE, "HTTP 503", 503);

  private final FakeTime time = new FakeTime();
  private final Instant start = time.instant();
  private final MeterRegistry registry = new SimpleMeterRegistry();

  private RetryLoop loop(RetryPolicy policy, RateBudget budget) {
    return new RetryLoop(
        policy, budget, Level.DEBUG, time, time, () -> 0.5, new GenesysMetrics(registry));
  }

  private RetryLoop loop(RetryPolicy policy) {
    return loop(policy, null);
  }

  private static Supplier<Attempt<String>> fails(Failure failure) {
    return () -> Attempt.failed(failure);
  }

  private static Supplier<Attempt<String>> succeeds(String value) {
    return () -> Attempt.succeeded(value);
  }

  private static Failure rateLimited(Duration retryAfter) {
    return new Failure(RetryReason.RATE_LIMITED, "HTTP 429", 429, ErrorBody.EMPTY, retryAfter);
  }

  private double retries(String reason) {
    return registry.counter("genesys.retries", "endpoint", ENDPOINT, "reason", reason).count();
  }

  @Test
  void retriesATransientFailureAfterAJitteredBackoffUntilAnAttemptSucceeds() {
    ScriptedCall call = new ScriptedCall(fails(BUSY), fails(BUSY), succeeds("ok"));

    assertThat(loop(RetryPolicy.DEFAULT).run(call)).isEqualTo("ok");

    // Full jitter at random 0.5: half of the base delay, then half of twice the base delay.
    assertThat(time.sleeps()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(call.attemptsAt).hasSize(3);
    assertThat(call.deadlines).containsOnly(start.plus(RetryPolicy.DEFAULT_CALL_DEADLINE));
    assertThat(retries("server_unavailable")).isEqualTo(2);
  }

  @Test
  void honoursRetryAfterBeforeTheNextAttempt() {
    ScriptedCall call = new ScriptedCall(fails(rateLimited(Duration.ofSeconds(7))), succeeds("ok"));

    loop(RetryPolicy.DEFAULT).run(call);

    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
    assertThat(call.attemptsAt).containsExactly(start, start.plusSeconds(7));
    assertThat(retries("rate_limited")).isEqualTo(1);
  }

  @Test
  void aRetryAfterPausesTheWholeBudgetRatherThanThisCallerAlone() {
    RateBudget budget = new RateBudget(RateBudget.MAX_REQUESTS_PER_MINUTE, time, time);
    ScriptedCall call = new ScriptedCall(fails(rateLimited(Duration.ofSeconds(7))), succeeds("ok"));

    loop(RetryPolicy.DEFAULT, budget).run(call);

    assertThat(budget.pausedUntil()).isEqualTo(start.plusSeconds(7));
    assertThat(call.attemptsAt).containsExactly(start, start.plusSeconds(7));
  }

  @Test
  void takesAPermitFromTheBudgetBeforeEveryAttempt() {
    RateBudget budget = new RateBudget(60, time, time);
    ScriptedCall call = new ScriptedCall(fails(BUSY), fails(BUSY), succeeds("ok"));

    loop(RetryPolicy.DEFAULT, budget).run(call);

    assertThat(registry.timer("genesys.budget.wait").count()).isEqualTo(3);
    // One permit a second, and backoffs shorter than that: the budget spaced the attempts.
    assertThat(call.attemptsAt.get(2)).isAfterOrEqualTo(start.plusSeconds(2));
  }

  @Test
  void givesUpWhenTheBudgetHasNoPermitBeforeTheDeadline() {
    RateBudget budget = new RateBudget(60, time, time);
    budget.pauseUntil(start.plus(RetryPolicy.DEFAULT_CALL_DEADLINE).plusSeconds(1));
    ScriptedCall call = new ScriptedCall(succeeds("never"));

    assertThatThrownBy(() -> loop(RetryPolicy.DEFAULT, budget).run(call))
        .isInstanceOfSatisfying(
            Stopped.class,
            e -> {
              assertThat(e.attempts).isZero();
              assertThat(e.last).isNull();
              assertThat(e.why).isEqualTo(RetryLoop.NO_PERMIT);
            });
    assertThat(call.attemptsAt).isEmpty();
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void givesUpAfterTheLastAttemptWithItsFailure() {
    ScriptedCall call = new ScriptedCall(fails(BUSY));

    assertThatThrownBy(() -> loop(RetryPolicy.DEFAULT.withMaxAttempts(3)).run(call))
        .isInstanceOfSatisfying(
            Stopped.class,
            e -> {
              assertThat(e.attempts).isEqualTo(3);
              assertThat(e.last).isEqualTo(BUSY);
              assertThat(e.why).isNull();
            });
    assertThat(call.attemptsAt).hasSize(3);
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void givesUpAtTheCallDeadline() {
    Duration backoff = Duration.ofSeconds(8);
    RetryPolicy policy =
        RetryPolicy.DEFAULT.withBackoff(backoff, backoff).withCallDeadline(Duration.ofSeconds(10));
    ScriptedCall call = new ScriptedCall(fails(BUSY));

    assertThatThrownBy(() -> loop(policy).run(call))
        .isInstanceOfSatisfying(Stopped.class, e -> assertThat(e.attempts).isEqualTo(3));
    // Two waits of half the backoff fit; a third would end after the deadline, so it is not made.
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4));
    assertThat(time.instant()).isBefore(start.plus(policy.callDeadline()));
  }

  @Test
  void aRetryAfterPastTheDeadlineGivesUpAtOnceWithoutWaiting() {
    ScriptedCall call = new ScriptedCall(fails(rateLimited(Duration.ofHours(1))));

    assertThatThrownBy(() -> loop(RetryPolicy.DEFAULT).run(call))
        .isInstanceOfSatisfying(Stopped.class, e -> assertThat(e.attempts).isEqualTo(1));
    assertThat(time.sleeps()).isEmpty();
    assertThat(retries("rate_limited")).isZero();
  }

  @Test
  void aRepeatIsMadeAtOnceAndUsesUpNoAttempt() {
    ScriptedCall call =
        new ScriptedCall(fails(BUSY), () -> Attempt.repeat(RetryReason.UNAUTHORIZED), fails(BUSY));

    assertThatThrownBy(() -> loop(RetryPolicy.DEFAULT.withMaxAttempts(2)).run(call))
        .isInstanceOfSatisfying(Stopped.class, e -> assertThat(e.attempts).isEqualTo(2));
    assertThat(call.attemptsAt).hasSize(3);
    assertThat(time.sleeps()).hasSize(1);
    assertThat(retries("unauthorized")).isEqualTo(1);
  }

  @Test
  void aFinalFailureEndsTheCallWithoutARetry() {
    GenesysException denied =
        GenesysException.fromResponse("GET", "/api/v2/things/t1", 403, ErrorBody.EMPTY, null);
    ScriptedCall call =
        new ScriptedCall(
            () -> {
              throw denied;
            });

    assertThatThrownBy(() -> loop(RetryPolicy.DEFAULT).run(call)).isSameAs(denied);
    assertThat(call.attemptsAt).hasSize(1);
    assertThat(time.sleeps()).isEmpty();
    assertThat(registry.find("genesys.retries").counters()).isEmpty();
  }

  @Test
  void anInterruptedWaitEndsTheCallAndKeepsTheInterruptFlag() {
    Sleeper interrupted =
        d -> {
          throw new InterruptedException("stop");
        };
    RetryLoop loop =
        new RetryLoop(
            RetryPolicy.DEFAULT,
            null,
            Level.DEBUG,
            time,
            interrupted,
            () -> 0.5,
            new GenesysMetrics(registry));
    ScriptedCall call = new ScriptedCall(fails(BUSY));

    try {
      assertThatThrownBy(() -> loop.run(call))
          .isInstanceOfSatisfying(
              Stopped.class,
              e -> {
                assertThat(e.interrupted).isTrue();
                assertThat(e.attempts).isEqualTo(1);
                assertThat(e.last).isEqualTo(BUSY);
              });
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(call.attemptsAt).hasSize(1);
  }

  @Test
  void logsEachRetryWithWhatFailedAndTheNextAttempt() {
    ScriptedCall call = new ScriptedCall(fails(BUSY), succeeds("ok"));

    try (LogCapture logs = new LogCapture()) {
      loop(RetryPolicy.DEFAULT).run(call);

      assertThat(logs.lines())
          .contains(
              "GET /api/v2/things/t1 failed (HTTP 503); retrying in 250 ms (attempt 2 of 10)");
    }
  }

  /** What a {@link ScriptedCall} throws when the loop stops it. */
  private static final class Stopped extends GenesysException {
    final int attempts;
    final Failure last;
    final String why;
    final boolean interrupted;

    Stopped(int attempts, Failure last, String why, boolean interrupted) {
      super("stopped after " + attempts, 0, null, null, null, "GET", "/", true, null);
      this.attempts = attempts;
      this.last = last;
      this.why = why;
      this.interrupted = interrupted;
    }
  }

  /** A call whose attempts follow a script (the last step repeats); it records each attempt. */
  private final class ScriptedCall implements RetryLoop.Call<String> {
    private final Deque<Supplier<Attempt<String>>> script;
    final List<Instant> attemptsAt = new ArrayList<>();
    final List<Instant> deadlines = new ArrayList<>();

    @SafeVarargs
    ScriptedCall(Supplier<Attempt<String>>... steps) {
      this.script = new ArrayDeque<>(List.of(steps));
    }

    @Override
    public String endpoint() {
      return ENDPOINT;
    }

    @Override
    public String subject() {
      return "GET /api/v2/things/t1";
    }

    @Override
    public Attempt<String> attempt(Instant deadline) {
      attemptsAt.add(time.instant());
      deadlines.add(deadline);
      return (script.size() > 1 ? script.poll() : script.peek()).get();
    }

    @Override
    public GenesysException gaveUp(int attempts, Failure last, String why) {
      return new Stopped(attempts, last, why, false);
    }

    @Override
    public GenesysException interrupted(InterruptedException e, int attempts, Failure last) {
      return new Stopped(attempts, last, null, true);
    }
  }
}
