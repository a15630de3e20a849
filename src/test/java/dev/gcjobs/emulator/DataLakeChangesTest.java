package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorData.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The lake rewrites conversations after they ended: revisions at 48-72 h, deletions later. */
@Tag("unit")
class DataLakeChangesTest {
  private static final Instant NOW = Instant.parse("2024-03-30T00:00:00Z");
  private static final JsonNode DAY =
      body("{\"interval\":\"2024-03-10T00:00:00Z/2024-03-11T00:00:00Z\"}");
  private static final LakeChanges MANY =
      new LakeChanges(0.2, 0.1, Duration.ofDays(3), Duration.ofDays(10));

  private static SyntheticAnalyticsData org(LakeChanges lake) {
    return new SyntheticAnalyticsData(
        42, 400, 20, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO, lake);
  }

  private static Map<String, EmulatedRecord> byId(List<EmulatedRecord> records) {
    return records.stream().collect(Collectors.toMap(EmulatedRecord::id, Function.identity()));
  }

  @Test
  void revisionsAndDeletionsAppearAsTheLakeAgesAndChangeTheRecord() {
    SyntheticAnalyticsData org = org(MANY);
    Map<String, EmulatedRecord> early = byId(org.conversations(DAY, at("2024-03-12T00:00:00Z")));
    Map<String, EmulatedRecord> late = byId(org.conversations(DAY, at("2024-03-29T00:00:00Z")));
    List<DeletedRecord> deleted = org.deletedConversations(DAY, at("2024-03-29T00:00:00Z"));
    Map<String, EmulatedRecord> original =
        byId(org(LakeChanges.NONE).conversations(DAY, at("2024-03-29T00:00:00Z")));

    assertThat(early.values()).allSatisfy(r -> assertThat(r.version()).isEqualTo(1));
    assertThat(org.deletedConversations(DAY, at("2024-03-12T00:00:00Z"))).isEmpty();
    long revised = late.values().stream().filter(r -> r.version() == 2).count();
    assertThat(revised).isBetween(early.size() / 10L, early.size() * 3L / 10);
    assertThat(deleted).hasSizeBetween(early.size() / 20, early.size() * 2 / 10);
    assertThat(late.size() + deleted.size()).isEqualTo(early.size());
    for (DeletedRecord d : deleted) {
      assertThat(late).doesNotContainKey(d.id());
      Instant end = original.get(d.id()).end();
      assertThat(d.deletedAt()).isBetween(end.plus(Duration.ofDays(3)), end.plusSeconds(864_000));
    }
    late.values().stream()
        .filter(r -> r.version() == 2)
        .forEach(r -> assertThat(Arrays.equals(r.json(), original.get(r.id()).json())).isFalse());
  }

  @Test
  void aRevisionBecomesVisibleBetween48And72HoursAfterTheConversationEnded() {
    SyntheticAnalyticsData org = org(new LakeChanges(0.2, 0, Duration.ZERO, Duration.ZERO));
    Map<String, EmulatedRecord> late = byId(org.conversations(DAY, at("2024-03-20T00:00:00Z")));
    List<EmulatedRecord> revised = late.values().stream().filter(r -> r.version() == 2).toList();

    assertThat(revised).isNotEmpty();
    for (EmulatedRecord r : revised.subList(0, Math.min(10, revised.size()))) {
      JsonNode query = body("{\"interval\":\"" + r.start() + "/" + r.start().plusMillis(1) + "\"}");
      Instant end = early(org, query, r.id()).end();
      assertThat(version(org, query, r.id(), end.plus(Duration.ofHours(48)).minusMillis(1)))
          .isEqualTo(1);
      assertThat(version(org, query, r.id(), end.plus(Duration.ofHours(72)))).isEqualTo(2);
    }
  }

  @Test
  void noChangesWhenTheFractionsAreZeroAndTheSameSeedGivesTheSameChanges() {
    SyntheticAnalyticsData none = org(LakeChanges.NONE);
    assertThat(none.conversations(DAY, at("2024-03-29T00:00:00Z")))
        .allSatisfy(r -> assertThat(r.version()).isEqualTo(1))
        .hasSize(none.conversations(DAY, at("2024-03-12T00:00:00Z")).size());
    assertThat(none.deletedConversations(DAY, at("2024-03-29T00:00:00Z"))).isEmpty();

    assertThat(org(MANY).deletedConversations(DAY, NOW))
        .isEqualTo(org(MANY).deletedConversations(DAY, NOW));
    assertThat(EmulatorData.ids(org(MANY).conversations(DAY, NOW)))
        .isEqualTo(EmulatorData.ids(org(MANY).conversations(DAY, NOW)));
  }

  @Test
  void aConversationDeletedBeforeItsRevisionIsListedWithItsFirstVersion() {
    SyntheticAnalyticsData org = org(new LakeChanges(1, 1, Duration.ZERO, Duration.ofHours(1)));
    List<DeletedRecord> deleted = org.deletedConversations(DAY, at("2024-03-29T00:00:00Z"));

    assertThat(deleted).isNotEmpty().allSatisfy(d -> assertThat(d.version()).isEqualTo(1));
    assertThat(org.conversations(DAY, at("2024-03-29T00:00:00Z"))).isEmpty();
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThatThrownBy(() -> new LakeChanges(1.5, 0, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("revisedFraction");
    assertThatThrownBy(() -> new LakeChanges(0, -0.1, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("deletedFraction");
    assertThatThrownBy(() -> new LakeChanges(0, 0, Duration.ofDays(3), Duration.ofDays(2)))
        .hasMessageContaining("deletedAfterMax");
  }

  private static EmulatedRecord early(SyntheticAnalyticsData org, JsonNode query, String id) {
    return byId(org.conversations(query, at("2024-03-14T00:00:00Z"))).get(id);
  }

  private static int version(SyntheticAnalyticsData org, JsonNode query, String id, Instant at) {
    return byId(org.conversations(query, at)).get(id).version();
  }

  private static Instant at(String instant) {
    return Instant.parse(instant);
  }
}
