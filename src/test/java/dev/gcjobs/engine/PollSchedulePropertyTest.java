package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

@Tag("unit")
class PollSchedulePropertyTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  @Property
  void aDelayIsPositiveAndNeverAboveTheCapPlusJitter(
      @ForAll @LongRange(min = 1, max = 60_000) long firstMillis,
      @ForAll @LongRange(min = 0, max = 600_000) long extraCapMillis,
      @ForAll @DoubleRange(min = 1.0, max = 10.0) double growth,
      @ForAll @DoubleRange(min = 0.0, max = 0.99) double jitter,
      @ForAll @IntRange(min = 1, max = 10_000) int attempt,
      @ForAll long seed) {
    Duration cap = Duration.ofMillis(firstMillis + extraCapMillis);
    PollSchedule schedule = new PollSchedule(Duration.ofMillis(firstMillis), growth, cap, jitter);

    Duration delay = schedule.delayBefore(attempt, new SplittableRandom(seed));

    assertThat(delay).isPositive();
    assertThat(delay.toNanos()).isLessThanOrEqualTo((long) (cap.toNanos() * (1 + jitter)));
  }

  @Property
  void theNextCheckNeverPassesTheDeadline(
      @ForAll @IntRange(min = 1, max = 50) int attempt,
      @ForAll @LongRange(min = -60_000, max = 120_000) long deadlineOffsetMillis,
      @ForAll long seed) {
    Deadline deadline = new Deadline(NOW.plusMillis(deadlineOffsetMillis));

    Optional<Instant> next =
        PollSchedule.DEFAULT.nextCheck(attempt, NOW, deadline, new SplittableRandom(seed));

    if (deadline.passed(NOW)) {
      assertThat(next).isEmpty();
    } else {
      assertThat(next)
          .hasValueSatisfying(at -> assertThat(at).isAfter(NOW).isBeforeOrEqualTo(deadline.at()));
    }
  }
}
