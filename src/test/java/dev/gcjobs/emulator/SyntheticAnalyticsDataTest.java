package dev.gcjobs.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SyntheticAnalyticsDataTest {
  private static final Clock CLOCK = Clock.fixed(EmulatorData.NOW, ZoneOffset.UTC);

  @Test
  void theAvailabilityDateTrailsNowByTheConfiguredLag() {
    SyntheticAnalyticsData lagging =
        new SyntheticAnalyticsData(1, 10, 1, CLOCK, Duration.ofHours(2), LakeChanges.DEFAULT);
    assertThat(lagging.dataAvailabilityDate()).isEqualTo(EmulatorData.NOW.minusSeconds(7200));
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(
            () -> new SyntheticAnalyticsData(1, -1, 1, CLOCK, Duration.ZERO, LakeChanges.DEFAULT))
        .hasMessageContaining("conversationsPerDay");
    assertThatThrownBy(
            () -> new SyntheticAnalyticsData(1, 10, 0, CLOCK, Duration.ZERO, LakeChanges.DEFAULT))
        .hasMessageContaining("users");
    assertThatThrownBy(
            () ->
                new SyntheticAnalyticsData(
                    1, 10, 1, CLOCK, Duration.ofSeconds(-1), LakeChanges.DEFAULT))
        .hasMessageContaining("dataLag");
  }

  @Test
  void anOrgWithoutConversationsAnswersEmpty() {
    SyntheticAnalyticsData quiet =
        new SyntheticAnalyticsData(1, 0, 1, CLOCK, Duration.ZERO, LakeChanges.DEFAULT);
    assertThat(
            quiet.conversations(
                EmulatorData.body("{\"interval\":\"2024-03-14T00:00:00Z/2024-03-15T00:00:00Z\"}")))
        .isEmpty();
  }

  @Test
  void jobsSeeTheDataLakeAtAvailabilityWhileTheSynchronousQuerySeesNow() {
    Duration lag = Duration.ofHours(6);
    SyntheticAnalyticsData data =
        new SyntheticAnalyticsData(7, 2000, 5, CLOCK, lag, LakeChanges.DEFAULT);
    Instant availability = EmulatorData.NOW.minus(lag);
    String interval =
        "{\"interval\":\""
            + EmulatorData.NOW.minus(Duration.ofDays(1))
            + "/"
            + EmulatorData.NOW
            + "\"}";

    List<EmulatedRecord> job = data.conversations(EmulatorData.body(interval));
    List<EmulatedRecord> sync = data.conversationsSync(EmulatorData.body(interval));

    assertThat(job).isNotEmpty().allMatch(r -> r.start().isBefore(availability));
    assertThat(sync).anyMatch(r -> !r.start().isBefore(availability));
    assertThat(sync.size()).isGreaterThan(job.size());
    // Running at availability: present, but in progress, as the lake holds it.
    List<EmulatedRecord> spanning =
        job.stream()
            .filter(
                r -> syncEnd(sync, r.id()) != null && syncEnd(sync, r.id()).isAfter(availability))
            .toList();
    assertThat(spanning).isNotEmpty();
    for (EmulatedRecord r : spanning) {
      assertThat(new String(r.json(), StandardCharsets.UTF_8)).doesNotContain("conversationEnd");
    }
  }

  /** When the synchronous query says {@code id} ended; {@link Instant#MAX} while it runs. */
  private static Instant syncEnd(List<EmulatedRecord> sync, String id) {
    return sync.stream()
        .filter(r -> r.id().equals(id))
        .map(r -> r.end() == null ? Instant.MAX : r.end())
        .findFirst()
        .orElse(null);
  }
}
