package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorData.NOW;
import static dev.gcjobs.emulator.EmulatorData.body;
import static dev.gcjobs.emulator.EmulatorData.ids;
import static dev.gcjobs.emulator.EmulatorData.org;
import static dev.gcjobs.emulator.EmulatorData.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.model.AnalyticsRoutingStatusRecord;
import com.mypurecloud.sdk.v2.model.AnalyticsUserDetail;
import com.mypurecloud.sdk.v2.model.AnalyticsUserPresenceRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class UserDetailsTest {
  private static final String MORNING = "2024-03-14T08:00:00Z/2024-03-14T12:00:00Z";

  private static List<EmulatedRecord> users(String json) {
    return org().userDetails(body(json));
  }

  @Test
  void givesOneRecordPerUserWithThePresenceAndRoutingPeriodsOverlappingTheInterval() {
    List<EmulatedRecord> records = users("{\"interval\":\"" + MORNING + "\"}");
    assertThat(records).hasSize(20);
    assertThat(ids(records)).doesNotHaveDuplicates();
    Instant from = Instant.parse("2024-03-14T08:00:00Z");
    Instant to = Instant.parse("2024-03-14T12:00:00Z");
    for (EmulatedRecord r : records) {
      JsonNode u = parse(r);
      assertThat(u.get("userId").asText()).isEqualTo(r.id());
      assertThat(u.get("primaryPresence")).isNotEmpty();
      for (JsonNode p : u.withArray("primaryPresence")) {
        assertThat(Instant.parse(p.get("startTime").asText())).isBefore(to);
        if (p.has("endTime")) { // absent: still ongoing at "now" (an agent's days off)
          assertThat(Instant.parse(p.get("endTime").asText())).isAfter(from);
        }
      }
      for (JsonNode s : u.withArray("routingStatus")) {
        assertThat(Instant.parse(s.get("startTime").asText())).isBefore(to);
        if (s.has("endTime")) {
          assertThat(Instant.parse(s.get("endTime").asText())).isAfter(from);
        }
      }
    }
  }

  @Test
  void theOfficialSdkReadsEveryRecordWithKnownPresenceAndRoutingValues() throws Exception {
    ApiClient client = ApiClient.Builder.standard().build();
    List<EmulatedRecord> records =
        users("{\"interval\":\"2024-03-11T00:00:00Z/2024-03-15T12:00:00Z\"}");
    List<String> seenPresences = new java.util.ArrayList<>();
    for (EmulatedRecord r : records) {
      AnalyticsUserDetail u =
          client.getObjectMapper().readValue(r.json(), AnalyticsUserDetail.class);
      assertThat(u.getUserId()).isEqualTo(r.id());
      for (AnalyticsUserPresenceRecord p : u.getPrimaryPresence()) {
        assertThat(p.getSystemPresence())
            .isNotIn(null, AnalyticsUserPresenceRecord.SystemPresenceEnum.OUTDATEDSDKVERSION);
        assertThat(p.getOrganizationPresenceId()).isNotBlank();
        assertThat(p.getStartTime()).isNotNull();
        seenPresences.add(p.getSystemPresence().toString());
      }
      for (AnalyticsRoutingStatusRecord s : u.getRoutingStatus()) {
        assertThat(s.getRoutingStatus())
            .isNotIn(null, AnalyticsRoutingStatusRecord.RoutingStatusEnum.OUTDATEDSDKVERSION);
      }
    }
    assertThat(seenPresences).contains("AVAILABLE", "ON_QUEUE", "BREAK", "MEAL", "AWAY", "OFFLINE");
  }

  @Test
  void theOngoingPeriodAtNowHasNoEndTimeAndNothingStartsAfterNow() {
    List<EmulatedRecord> records =
        users("{\"interval\":\"2024-03-15T11:00:00Z/2024-03-16T00:00:00Z\"}");
    assertThat(records).isNotEmpty();
    for (EmulatedRecord r : records) {
      JsonNode u = parse(r);
      JsonNode presences = u.get("primaryPresence");
      JsonNode last = presences.get(presences.size() - 1);
      assertThat(last.has("endTime")).isFalse();
      assertThat(r.end()).isNull();
      for (JsonNode p : presences) {
        assertThat(Instant.parse(p.get("startTime").asText())).isBefore(NOW);
      }
    }
  }

  @Test
  void userPresenceAndRoutingFiltersSelectUsers() {
    List<EmulatedRecord> all = users("{\"interval\":\"" + MORNING + "\"}");
    String someone = all.get(3).id();
    List<EmulatedRecord> one =
        users(
            "{\"interval\":\""
                + MORNING
                + "\",\"userFilters\":[{\"type\":\"or\",\"predicates\":"
                + "[{\"dimension\":\"userId\",\"value\":\""
                + someone
                + "\"}]}]}");
    assertThat(ids(one)).containsExactly(someone);
    List<EmulatedRecord> inMeal =
        users(
            "{\"interval\":\""
                + MORNING
                + "\",\"presenceFilters\":[{\"type\":\"and\","
                + "\"predicates\":[{\"dimension\":\"systemPresence\",\"value\":\"MEAL\"}]}]}");
    assertThat(inMeal)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(new String(r.json())).contains("\"MEAL\""));
    assertThat(all.stream().filter(r -> new String(r.json()).contains("\"MEAL\"")).count())
        .isEqualTo(inMeal.size());
    assertThatThrownBy(
            () ->
                users(
                    "{\"interval\":\""
                        + MORNING
                        + "\",\"userFilters\":[{\"type\":\"and\","
                        + "\"predicates\":[{\"dimension\":\"routingStatus\","
                        + "\"value\":\"IDLE\"}]}]}"))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("'routingStatus' is a routingStatus-level dimension")
        .hasMessageContaining("routingStatusFilters");
  }

  @Test
  void honoursOrderAndLimit() {
    List<EmulatedRecord> asc = users("{\"interval\":\"" + MORNING + "\"}");
    List<EmulatedRecord> desc =
        users("{\"interval\":\"" + MORNING + "\",\"order\":\"desc\",\"limit\":3}");
    List<String> reversed = new java.util.ArrayList<>(ids(asc));
    java.util.Collections.reverse(reversed);
    assertThat(ids(desc)).isEqualTo(reversed.subList(0, 3));
  }

  @Test
  void theSameSeedGivesByteIdenticalUserRecords() {
    List<EmulatedRecord> a = users("{\"interval\":\"" + MORNING + "\"}");
    List<EmulatedRecord> b = users("{\"interval\":\"" + MORNING + "\"}");
    for (int i = 0; i < a.size(); i++) {
      assertThat(Arrays.equals(a.get(i).json(), b.get(i).json())).isTrue();
    }
  }
}
