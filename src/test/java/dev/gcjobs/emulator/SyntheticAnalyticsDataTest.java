package dev.gcjobs.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SyntheticAnalyticsDataTest {
  private static final Clock CLOCK = Clock.fixed(EmulatorData.NOW, ZoneOffset.UTC);

  @Test
  void theAvailabilityDateTrailsNowByTheConfiguredLag() {
    SyntheticAnalyticsData lagging =
        new SyntheticAnalyticsData(1, 10, 1, CLOCK, Duration.ofHours(2));
    assertThat(lagging.dataAvailabilityDate()).isEqualTo(EmulatorData.NOW.minusSeconds(7200));
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(() -> new SyntheticAnalyticsData(1, -1, 1, CLOCK, Duration.ZERO))
        .hasMessageContaining("conversationsPerDay");
    assertThatThrownBy(() -> new SyntheticAnalyticsData(1, 10, 0, CLOCK, Duration.ZERO))
        .hasMessageContaining("users");
    assertThatThrownBy(() -> new SyntheticAnalyticsData(1, 10, 1, CLOCK, Duration.ofSeconds(-1)))
        .hasMessageContaining("dataLag");
  }

  @Test
  void anOrgWithoutConversationsAnswersEmpty() {
    SyntheticAnalyticsData quiet = new SyntheticAnalyticsData(1, 0, 1, CLOCK, Duration.ZERO);
    assertThat(
            quiet.conversations(
                EmulatorData.body("{\"interval\":\"2024-03-14T00:00:00Z/2024-03-15T00:00:00Z\"}")))
        .isEmpty();
  }
}
