package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PollScheduleTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  /** A generator whose every draw is {@code value}: 0.5 means no jitter at all. */
  private static RandomGenerator draws(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  @Test
  void theDefaultsCheckAfterThreeSecondsThenGrowToThirty() {
    PollSchedule schedule = PollSchedule.DEFAULT;
    RandomGenerator noJitter = draws(0.5);
    assertThat(schedule.delayBefore(1, noJitter)).isEqualTo(Duration.ofSeconds(3));
    assertThat(schedule.delayBefore(2, noJitter)).isEqualTo(Duration.ofMillis(4500));
    assertThat(schedule.delayBefore(3, noJitter)).isEqualTo(Duration.ofMillis(6750));
    assertThat(schedule.delayBefore(7, noJitter)).isEqualTo(Duration.ofSeconds(30));
    assertThat(schedule.delayBefore(1_000_000, noJitter)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitterSpreadsADelayBothWays() {
    PollSchedule schedule =
        new PollSchedule(Duration.ofSeconds(10), 1.0, Duration.ofSeconds(10), 0.2);
    assertThat(schedule.delayBefore(1, draws(0.0))).isEqualTo(Duration.ofSeconds(8));
    assertThat(schedule.delayBefore(1, draws(0.75))).isEqualTo(Duration.ofSeconds(11));
  }

  @Test
  void theNextCheckIsNowPlusTheDelayWhenThereIsNoDeadline() {
    assertThat(PollSchedule.DEFAULT.nextCheck(1, NOW, Deadline.NONE, draws(0.5)))
        .contains(NOW.plusSeconds(3));
  }

  @Test
  void aWaitThatWouldCrossTheDeadlineBecomesALastCheckAtTheDeadline() {
    Deadline deadline = new Deadline(NOW.plusSeconds(10));
    assertThat(PollSchedule.DEFAULT.nextCheck(7, NOW, deadline, draws(0.5)))
        .contains(deadline.at());
  }

  @Test
  void noCheckIsScheduledOnceTheDeadlineHasPassed() {
    Deadline deadline = new Deadline(NOW);
    assertThat(PollSchedule.DEFAULT.nextCheck(1, NOW, deadline, draws(0.5))).isEmpty();
    assertThat(PollSchedule.DEFAULT.nextCheck(1, NOW.plusSeconds(1), deadline, draws(0.5)))
        .isEmpty();
  }

  @Test
  void aDeadlineAfterATimeoutAndNoneWithoutOne() {
    assertThat(Deadline.after(NOW, Duration.ofHours(2)).at()).isEqualTo(NOW.plusSeconds(7200));
    assertThat(Deadline.after(NOW, null)).isEqualTo(Deadline.NONE);
    assertThat(Deadline.after(NOW, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Deadline.NONE);
    assertThat(Deadline.NONE.isNone()).isTrue();
    assertThat(Deadline.NONE.passed(Instant.parse("9999-12-31T23:59:59Z"))).isFalse();
  }

  @Test
  void attemptsStartAtOne() {
    assertThatThrownBy(() -> PollSchedule.DEFAULT.delayBefore(0, draws(0.5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void outOfRangeSettingsNameTheirField() {
    Duration s3 = Duration.ofSeconds(3);
    Duration s30 = Duration.ofSeconds(30);
    assertField("pollFirst", () -> new PollSchedule(Duration.ZERO, 1.5, s30, 0.1));
    assertField("pollMax", () -> new PollSchedule(s30, 1.5, s3, 0.1));
    assertField("pollMax", () -> new PollSchedule(s3, 1.5, Duration.ofHours(2), 0.1));
    assertField("pollGrowth", () -> new PollSchedule(s3, 0.9, s30, 0.1));
    assertField("pollGrowth", () -> new PollSchedule(s3, Double.NaN, s30, 0.1));
    assertField("pollJitter", () -> new PollSchedule(s3, 1.5, s30, 1.0));
    assertField("pollJitter", () -> new PollSchedule(s3, 1.5, s30, -0.1));
  }

  private static void assertField(String field, Runnable construction) {
    assertThatThrownBy(construction::run)
        .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
