package dev.gcjobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.sync.SyncPlan.Window;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SyncPlanTest {
  static final Instant SINCE = Instant.parse("2024-01-01T00:00:00Z");
  static final Duration DAY = Duration.ofDays(1);
  final SyncPlan plan = new SyncPlan(SINCE, Duration.ofHours(72), Duration.ofDays(7));

  @Test
  void theFirstCycleReadsTheWholeHistoryUpToAvailability() {
    Instant availability = SINCE.plus(Duration.ofDays(90));

    assertThat(plan.next(null, null, availability, availability.plusSeconds(3600), false))
        .contains(new Window(SINCE, availability, true));
  }

  @Test
  void aPlainCycleReadsTheSettleWindowBehindAvailabilityAndTheNewData() {
    Instant watermark = SINCE.plus(Duration.ofDays(30));
    Instant availability = watermark.plus(Duration.ofHours(6));

    Window window =
        plan.next(watermark, watermark, availability, availability, false).orElseThrow();

    assertThat(window)
        .isEqualTo(new Window(availability.minus(Duration.ofHours(72)), availability, false));
  }

  @Test
  void aCycleAfterALongPauseStartsAtTheWatermarkSoNothingIsSkipped() {
    Instant watermark = SINCE.plus(Duration.ofDays(3));
    Instant availability = watermark.plus(Duration.ofDays(5));

    assertThat(plan.next(watermark, watermark, availability, availability, false))
        .contains(new Window(watermark, availability, false));
  }

  @Test
  void theSettleWindowNeverReachesBeforeSince() {
    Instant watermark = SINCE.plus(Duration.ofHours(6));
    Instant availability = SINCE.plus(Duration.ofHours(12));

    assertThat(plan.next(watermark, watermark, availability, availability, false))
        .contains(new Window(SINCE, availability, false));
  }

  @Test
  void aReconcileComesAtItsCadenceOrWhenAskedFor() {
    Instant watermark = SINCE.plus(Duration.ofDays(30));
    Instant availability = watermark.plus(Duration.ofHours(6));
    Instant lastReconcile = availability.minus(Duration.ofDays(7));

    assertThat(
            plan.next(watermark, lastReconcile, availability, availability, false)
                .orElseThrow()
                .reconcile())
        .isTrue();
    assertThat(
            plan.next(watermark, lastReconcile.plus(DAY), availability, availability, false)
                .orElseThrow()
                .reconcile())
        .isFalse();
    assertThat(plan.next(watermark, lastReconcile.plus(DAY), availability, availability, true))
        .contains(new Window(SINCE, availability, true));
  }

  @Test
  void nothingIsReadWhileAvailabilityHasNotPassedSince() {
    assertThat(plan.next(null, null, SINCE, SINCE.plus(DAY), false)).isEmpty();
  }

  @Test
  void aNegativeSettleWindowIsRefused() {
    assertThatThrownBy(() -> new SyncPlan(SINCE, Duration.ofHours(-1), Duration.ofDays(7)))
        .hasMessageContaining("settle");
  }
}
