package dev.gcjobs.emulator;

import static dev.gcjobs.emulator.EmulatorData.body;
import static dev.gcjobs.emulator.EmulatorData.org;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class QueryIntervalTest {

  @Test
  void readsUtcOffsetsAndFractions() {
    QueryInterval i =
        QueryInterval.parse("2024-01-01T10:00:00.250+02:00/2024-01-01T09:00:00Z", "interval");
    assertThat(Instant.ofEpochMilli(i.start())).isEqualTo("2024-01-01T08:00:00.250Z");
    assertThat(Instant.ofEpochMilli(i.end())).isEqualTo("2024-01-01T09:00:00Z");
  }

  @Test
  void readsASideWithoutOffsetAsUtcAndADurationAsTheEnd() {
    QueryInterval i = QueryInterval.parse("2024-01-01T00:00:00/P1D", "interval");
    assertThat(Instant.ofEpochMilli(i.start())).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(Instant.ofEpochMilli(i.end())).isEqualTo("2024-01-02T00:00:00Z");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-01T00:00:00Z",
        "yesterday/today",
        "2024-01-01/2024-01-02",
        "2024-13-01T00:00:00Z/2024-12-02T00:00:00Z",
        "2024-01-01T00:00:00Z/2024-01-02T00:00:00Z/2024-01-03T00:00:00Z",
        "2024-01-01T00:00:00Z/Pxyz"
      })
  void rejectsAMalformedIntervalNamingTheFieldAndTheExpectedForm(String interval) {
    assertThatThrownBy(() -> org().conversations(body("{\"interval\":\"" + interval + "\"}")))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("bad.request");
              assertThat(e.getMessage()).contains("interval", interval, "ISO-8601");
            });
  }

  @Test
  void rejectsAReversedInterval() {
    assertThatThrownBy(
            () ->
                org()
                    .conversations(
                        body("{\"interval\":\"2024-01-02T00:00:00Z/2024-01-01T00:00:00Z\"}")))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("interval")
        .hasMessageContaining("ends before it starts");
  }

  @Test
  void rejectsAnEmptyInterval() {
    assertThatThrownBy(
            () ->
                org()
                    .conversations(
                        body("{\"interval\":\"2024-01-01T00:00:00Z/2024-01-01T00:00:00Z\"}")))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("interval")
        .hasMessageContaining("empty");
  }

  @Test
  void rejectsAMissingInterval() {
    assertThatThrownBy(() -> org().conversations(body("{\"order\":\"asc\"}")))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("interval is required");
    assertThatThrownBy(() -> org().userDetails(body("{}")))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("interval is required");
  }

  @Test
  void rejectsAnIntervalThatIsNotAString() {
    assertThatThrownBy(() -> org().conversations(body("{\"interval\":5}")))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("interval must be a string");
  }

  @Test
  void rejectsABodyThatIsNotAnObject() {
    assertThatThrownBy(() -> org().conversations(body("[1,2]")))
        .isInstanceOf(ApiError.class)
        .hasMessageContaining("must be a JSON object");
  }
}
