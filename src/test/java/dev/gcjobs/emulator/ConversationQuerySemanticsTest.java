package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorData.NOW;
import static dev.gcjobs.emulator.EmulatorData.body;
import static dev.gcjobs.emulator.EmulatorData.conversations;
import static dev.gcjobs.emulator.EmulatorData.ids;
import static dev.gcjobs.emulator.EmulatorData.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConversationQuerySemanticsTest {
  private static final Instant FROM = Instant.parse("2024-03-14T10:00:00Z");
  private static final Instant TO = Instant.parse("2024-03-14T11:00:00Z");
  private static final String HOUR = FROM + "/" + TO;

  @Test
  void returnsExactlyTheConversationsWhoseLifetimeOverlapsTheInterval() {
    List<EmulatedRecord> wide = conversations("2024-03-10T00:00:00Z/2024-03-15T12:00:00Z");
    List<String> expected =
        wide.stream()
            .filter(r -> r.start().isBefore(TO))
            .filter(r -> (r.end() == null ? NOW : r.end()).isAfter(FROM))
            .map(EmulatedRecord::id)
            .sorted()
            .toList();
    List<EmulatedRecord> hour = conversations(HOUR);
    assertThat(ids(hour).stream().sorted().toList()).isEqualTo(expected);
    assertThat(hour.stream().filter(r -> r.start().isBefore(FROM))).isNotEmpty();
  }

  @Test
  void aConversationSpanningABoundaryIsInBothAdjacentIntervals() {
    List<String> before = ids(conversations("2024-03-14T09:00:00Z/2024-03-14T10:00:00Z"));
    List<EmulatedRecord> after = conversations(HOUR);
    assertThat(after.stream().filter(r -> r.start().isBefore(FROM)).map(EmulatedRecord::id))
        .isNotEmpty()
        .allSatisfy(id -> assertThat(before).contains(id));
  }

  @Test
  void startOfDayIntervalMatchingKeepsOnlyConversationsStartedOnTheIntervalsFirstDay() {
    Instant midnight = Instant.parse("2024-03-14T00:00:00Z");
    List<EmulatedRecord> plain = conversations(HOUR);
    List<EmulatedRecord> matched =
        conversations(org(), "{\"interval\":\"" + HOUR + "\",\"startOfDayIntervalMatching\":true}");
    assertThat(plain).anySatisfy(r -> assertThat(r.start()).isBefore(midnight));
    assertThat(matched).allSatisfy(r -> assertThat(r.start()).isAfterOrEqualTo(midnight));
    assertThat(ids(plain))
        .containsAll(ids(matched))
        .containsAll(
            plain.stream()
                .filter(r -> !r.start().isBefore(midnight))
                .map(EmulatedRecord::id)
                .toList());
  }

  @Test
  void nothingExistsAfterNow() {
    assertThat(conversations("2024-03-16T00:00:00Z/2024-03-17T00:00:00Z")).isEmpty();
    assertThat(conversations("2024-03-15T11:00:00Z/2024-03-16T00:00:00Z"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.start()).isBefore(NOW));
    assertThat(conversations("2019-01-01T00:00:00Z/2019-02-01T00:00:00Z")).isEmpty();
  }

  @Test
  void ordersByConversationStartAscendingByDefaultWithTheIdBreakingTies() {
    List<EmulatedRecord> hour = conversations(HOUR);
    assertThat(hour)
        .isSortedAccordingTo(
            Comparator.comparing(EmulatedRecord::start).thenComparing(EmulatedRecord::id));
    List<EmulatedRecord> desc =
        conversations(org(), "{\"interval\":\"" + HOUR + "\",\"order\":\"desc\"}");
    assertThat(ids(desc)).isEqualTo(reversed(ids(hour)));
  }

  @Test
  void ordersByConversationEndWithConversationsInProgressLast() {
    List<EmulatedRecord> r =
        conversations(
            org(),
            "{\"interval\":\"2024-03-15T10:00:00Z/2024-03-15T12:00:00Z\","
                + "\"orderBy\":\"conversationEnd\"}");
    int firstOpen = r.indexOf(r.stream().filter(x -> x.end() == null).findFirst().orElseThrow());
    assertThat(r.subList(firstOpen, r.size())).allSatisfy(x -> assertThat(x.end()).isNull());
    assertThat(r.subList(0, firstOpen))
        .isSortedAccordingTo(
            Comparator.comparing(EmulatedRecord::end).thenComparing(EmulatedRecord::id));
  }

  @Test
  void honoursLimitAfterOrdering() {
    List<EmulatedRecord> all = conversations(HOUR);
    List<EmulatedRecord> limited =
        conversations(org(), "{\"interval\":\"" + HOUR + "\",\"limit\":5,\"order\":\"desc\"}");
    assertThat(ids(limited)).isEqualTo(reversed(ids(all)).subList(0, 5));
  }

  @Test
  void rejectsUnknownOrderValuesNamingTheField() {
    assertThatThrownBy(
            () -> conversations(org(), "{\"interval\":\"" + HOUR + "\",\"order\":\"up\"}"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("order 'up'")
        .hasMessageContaining("asc, desc, unordered");
    assertThatThrownBy(
            () -> conversations(org(), "{\"interval\":\"" + HOUR + "\",\"orderBy\":\"start\"}"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("orderBy 'start'");
    assertThatThrownBy(() -> conversations(org(), "{\"interval\":\"" + HOUR + "\",\"limit\":0}"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("limit must be a positive integer");
  }

  @Test
  void acceptsTheEmptyFilterListsTheOfficialSdkSendsAndIgnoresUnknownFields() {
    String sdkStyle =
        "{\"interval\":\""
            + HOUR
            + "\",\"conversationFilters\":[],\"segmentFilters\":[],"
            + "\"evaluationFilters\":[],\"surveyFilters\":[],\"resolutionFilters\":[],"
            + "\"someFutureField\":{\"x\":1},\"startOfDayIntervalMatching\":null}";
    assertThat(ids(conversations(org(), sdkStyle))).isEqualTo(ids(conversations(HOUR)));
  }

  @Test
  void theSynchronousQueryAllowsSevenDaysWithoutFiltersAndThirtyOneWithThem() {
    SyntheticAnalyticsData org = org();
    String seven = "2024-03-01T00:00:00Z/2024-03-08T00:00:00Z";
    String eight = "2024-03-01T00:00:00Z/2024-03-09T00:00:00Z";
    String filter =
        ",\"segmentFilters\":[{\"type\":\"and\",\"predicates\":"
            + "[{\"dimension\":\"mediaType\",\"value\":\"email\"}]}]";
    assertThat(org.conversationsSync(body("{\"interval\":\"" + seven + "\"}"))).isNotEmpty();
    assertThatThrownBy(() -> org.conversationsSync(body("{\"interval\":\"" + eight + "\"}")))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("interval", "7 days", "31 days");
            });
    assertThat(org.conversationsSync(body("{\"interval\":\"" + eight + "\"" + filter + "}")))
        .isNotEmpty();
    assertThatThrownBy(
            () ->
                org.conversationsSync(
                    body(
                        "{\"interval\":\"2024-01-01T00:00:00Z/2024-02-02T00:00:00Z\""
                            + filter
                            + "}")))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("31 days");
    assertThat(org.conversations(body("{\"interval\":\"" + eight + "\"}"))).isNotEmpty();
  }

  @Test
  void pagesOfOneResultStayTheSameWhileTheClockMoves() {
    TestClock clock = TestClock.at(NOW);
    SyntheticAnalyticsData org =
        new SyntheticAnalyticsData(
            42, EmulatorData.PER_DAY, 20, clock, Duration.ZERO, LakeChanges.DEFAULT);
    List<EmulatedRecord> result =
        org.conversations(body("{\"interval\":\"2024-03-15T11:00:00Z/2024-03-15T12:00:00Z\"}"));
    List<byte[]> first = result.stream().map(EmulatedRecord::json).toList();
    clock.set(NOW.plusSeconds(3600));
    assertThat(result.stream().map(EmulatedRecord::json).toList())
        .usingElementComparator((a, b) -> Arrays.equals(a, b) ? 0 : 1)
        .isEqualTo(first);
    List<EmulatedRecord> later =
        org.conversations(body("{\"interval\":\"2024-03-15T11:00:00Z/2024-03-15T12:00:00Z\"}"));
    assertThat(later.stream().filter(r -> r.end() == null).count())
        .isLessThan(result.stream().filter(r -> r.end() == null).count());
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }
}
