package dev.gcjobs.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class RetryPolicyProperties {
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

  private static RetryPolicy policy(int attempts, long baseMs, long capMs, long deadlineMs) {
    return new RetryPolicy(
        attempts,
        Duration.ofMillis(baseMs),
        Duration.ofMillis(Math.max(baseMs, capMs)),
        Duration.ofMillis(deadlineMs));
  }

  @Property
  void backoffIsNeverAboveTheCapNorNegative(
      @ForAll @IntRange(min = 1, max = 10_000) int retry,
      @ForAll @LongRange(min = 1, max = 60_000) long baseMs,
      @ForAll @LongRange(min = 1, max = 600_000) long capMs,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
    RetryPolicy p = policy(5, baseMs, capMs, 1000);
    Duration d = p.backoff(retry, random);
    assertThat(d).isLessThanOrEqualTo(p.maxDelay()).isGreaterThanOrEqualTo(Duration.ZERO);
  }

  @Property
  void backoffStaysBelowTheExponentialCeiling(
      @ForAll @IntRange(min = 1, max = 20) int retry,
      @ForAll @LongRange(min = 1, max = 1000) long baseMs,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
    RetryPolicy p = policy(5, baseMs, Long.MAX_VALUE / 4_000_000, 1000);
    Duration ceiling = Duration.ofMillis(baseMs).multipliedBy(1L << (retry - 1));
    assertThat(p.backoff(retry, random)).isLessThanOrEqualTo(ceiling);
  }

  @Property
  void noRetryWaitEndsAtOrAfterTheDeadline(
      @ForAll @IntRange(min = 1, max = 30) int attemptsMade,
      @ForAll @LongRange(min = 1, max = 10_000) long baseMs,
      @ForAll @LongRange(min = 1, max = 120_000) long capMs,
      @ForAll @LongRange(min = 1, max = 300_000) long deadlineMs,
      @ForAll @LongRange(min = 0, max = 400_000) long elapsedMs,
      @ForAll @LongRange(min = -1, max = 400) long retryAfterSeconds,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
    RetryPolicy p = policy(20, baseMs, capMs, deadlineMs);
    Instant deadline = T0.plus(p.callDeadline());
    Instant now = T0.plusMillis(elapsedMs);
    Duration retryAfter = retryAfterSeconds < 0 ? null : Duration.ofSeconds(retryAfterSeconds);
    Optional<Duration> delay = p.delayBeforeRetry(attemptsMade, retryAfter, now, deadline, random);
    delay.ifPresent(d -> assertThat(now.plus(d)).isBefore(deadline));
    if (attemptsMade >= p.maxAttempts()) {
      assertThat(delay).isEmpty();
    }
    if (retryAfter != null) {
      delay.ifPresent(d -> assertThat(d).isEqualTo(retryAfter));
    } else {
      delay.ifPresent(d -> assertThat(d).isLessThanOrEqualTo(p.maxDelay()));
    }
  }

  @Property
  void aRetryIsOfferedWhileTimeAndAttemptsRemain(
      @ForAll @IntRange(min = 1, max = 9) int attemptsMade,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
    RetryPolicy p = policy(10, 100, 1000, 60_000);
    assertThat(p.delayBeforeRetry(attemptsMade, null, T0, T0.plusSeconds(60), random)).isPresent();
  }

  @Test
  void aRetryAfterLongerThanTheTimeLeftEndsTheCallInsteadOfSleeping() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertThat(p.delayBeforeRetry(1, Duration.ofSeconds(400), T0, T0.plus(p.callDeadline()), 0.5))
        .isEmpty();
  }

  @Test
  void defaultsAreTheNamedConstants() {
    assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(RetryPolicy.DEFAULT_MAX_ATTEMPTS);
    assertThat(RetryPolicy.DEFAULT.callDeadline()).isEqualTo(RetryPolicy.DEFAULT_CALL_DEADLINE);
  }

  @Test
  void invalidBoundsAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withMaxAttempts(0))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageContaining("max attempts");
    assertThatThrownBy(() -> RetryPolicy.DEFAULT.withCallDeadline(Duration.ofSeconds(-1)))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageContaining("call deadline");
    assertThatThrownBy(
            () -> RetryPolicy.DEFAULT.withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageContaining("at least the base delay");
  }
}
