package dev.gcjobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.InvalidRequest;
import dev.gcjobs.tables.TableTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SyncRequestJsonTest {
  static final TableTarget TARGET = TableTarget.parse("/data/gc.duckdb", null, Map.of());
  static final SyncDestinations DESTINATIONS =
      new SyncDestinations(
          List.of(new SyncDestinations.Destination("warehouse", TARGET.toString(), TARGET)));

  static SyncDefinition read(String body) {
    return SyncRequestJson.read(body.getBytes(StandardCharsets.UTF_8), DESTINATIONS);
  }

  @Test
  void aFullBodyBecomesTheDefinitionWithTheDestinationAsStored() {
    SyncDefinition def =
        read(
            "{\"destination\": \"warehouse\", \"kind\": \"users\", \"since\":"
                + " \"2024-01-01T06:00:00Z\", \"id\": \"people\", \"settle\": \"PT24H\","
                + " \"every\": \"15m\", \"reconcileEvery\": \"7d\", \"purgeDeleted\": true}");

    assertThat(def.id()).isEqualTo("people");
    assertThat(def.kind()).isEqualTo(ExportKind.USERS);
    assertThat(def.destination()).isEqualTo(TARGET.toString());
    assertThat(def.since()).isEqualTo(Instant.parse("2024-01-01T06:00:00Z"));
    assertThat(def.settle()).isEqualTo(Duration.ofHours(24));
    assertThat(def.every()).isEqualTo(Duration.ofMinutes(15));
    assertThat(def.reconcileEvery()).isEqualTo(Duration.ofDays(7));
    assertThat(def.purgeDeleted()).isTrue();
  }

  @Test
  void leftOutFieldsTakeTheDefaultsAndADateIsMidnightUtc() {
    SyncDefinition def = read("{\"destination\": \"warehouse\", \"since\": \"2024-01-01\"}");

    assertThat(def.kind()).isEqualTo(ExportKind.CONVERSATIONS);
    assertThat(def.since()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(def.every()).isEqualTo(SyncDefinition.DEFAULT_EVERY);
    assertThat(def.settle()).isEqualTo(SyncPlan.DEFAULT_SETTLE);
    assertThat(def.purgeDeleted()).isFalse();
    assertThat(def).isEqualTo(read("{\"destination\": \"warehouse\", \"since\": \"2024-01-01\"}"));
  }

  @Test
  void filtersBecomeTheQuery() {
    SyncDefinition def =
        read(
            "{\"destination\": \"warehouse\", \"since\": \"2024-01-01\","
                + " \"filters\": [\"mediaType=voice\"]}");

    assertThat(def.query().toString()).contains("mediaType").contains("voice");
  }

  @Test
  void anUnknownNameListsTheConfiguredOnesAndAPathIsNoName() {
    for (String name : List.of("lake", "/data/gc.duckdb", TARGET.toString())) {
      assertThatThrownBy(
              () -> read("{\"destination\": \"" + name + "\", \"since\": \"2024-01-01\"}"))
          .isInstanceOfSatisfying(
              InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("destination"))
          .hasMessageContaining("warehouse");
    }
  }

  @Test
  void withoutDestinationsTheMessageSaysThereAreNone() {
    assertThatThrownBy(
            () ->
                SyncRequestJson.read(
                    "{\"destination\": \"x\", \"since\": \"2024-01-01\"}".getBytes(),
                    new SyncDestinations(List.of())))
        .hasMessageContaining("has none");
  }

  @Test
  void anIntervalInTheQueryIsRefused() {
    assertThatThrownBy(
            () ->
                read(
                    "{\"destination\": \"warehouse\", \"since\": \"2024-01-01\", \"query\":"
                        + " {\"interval\": \"2024-01-01/2024-01-02\"}}"))
        .isInstanceOfSatisfying(
            InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("query"));
  }

  @Test
  void aRepeatedFieldOrTrailingTextIsAMalformedBody() {
    for (String body :
        List.of(
            "{\"destination\": \"warehouse\", \"destination\": \"warehouse\"}",
            "{\"destination\": \"warehouse\"} x",
            "")) {
      assertThatThrownBy(() -> read(body))
          .as(body)
          .isInstanceOfSatisfying(
              InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("body"));
    }
  }

  @Test
  void aDurationThatIsNoneOrHugeIsRefusedNamingItsField() {
    for (String every : List.of("soon", "15", "m", "99999999999999999d", "P99999D", "-")) {
      assertThatThrownBy(
              () ->
                  read(
                      "{\"destination\": \"warehouse\", \"since\": \"2024-01-01\", \"every\": \""
                          + every
                          + "\"}"))
          .as(every)
          .isInstanceOfSatisfying(
              InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("every"));
    }
  }
}
