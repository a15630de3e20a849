package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class IntervalParserTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static ExportInterval interval(String start, String end) {
    return new ExportInterval(Instant.parse(start), Instant.parse(end));
  }

  @Test
  void readsTheShortDateFormAsStartsOfDaysInUtc() {
    assertThat(IntervalParser.parse("2024-01-01/2024-02-01"))
        .isEqualTo(interval("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"));
  }

  @Test
  void readsDatesInTheGivenZone() {
    assertThat(IntervalParser.parse("2024-01-01/2024-01-02", PARIS))
        .isEqualTo(interval("2023-12-31T23:00:00Z", "2024-01-01T23:00:00Z"));
  }

  @Test
  void readsUtcDateTimesWithAndWithoutMilliseconds() {
    assertThat(IntervalParser.parse("2024-01-01T00:00:00Z/2024-02-01T00:00:00.000Z"))
        .isEqualTo(interval("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"));
    assertThat(IntervalParser.parse("2024-01-01T10:15:30.250Z/2024-01-01T11:00Z"))
        .isEqualTo(interval("2024-01-01T10:15:30.250Z", "2024-01-01T11:00:00Z"));
  }

  @Test
  void anOffsetInTheTextWinsOverTheZone() {
    assertThat(IntervalParser.parse("2024-01-01T00:00:00+02:00/2024-01-01T06:00:00Z", PARIS))
        .isEqualTo(interval("2023-12-31T22:00:00Z", "2024-01-01T06:00:00Z"));
  }

  @Test
  void readsDateTimesWithoutOffsetInTheZone() {
    assertThat(IntervalParser.parse("2024-07-01T08:00/2024-07-01T09:00", PARIS))
        .isEqualTo(interval("2024-07-01T06:00:00Z", "2024-07-01T07:00:00Z"));
  }

  @Test
  void readsAStartAndADuration() {
    assertThat(IntervalParser.parse("2024-01-01T00:00:00Z/PT6H"))
        .isEqualTo(interval("2024-01-01T00:00:00Z", "2024-01-01T06:00:00Z"));
    assertThat(IntervalParser.parse("2024-01-01/P1DT12H"))
        .isEqualTo(interval("2024-01-01T00:00:00Z", "2024-01-02T12:00:00Z"));
    assertThat(IntervalParser.parse("2024-01-01/P1M"))
        .isEqualTo(interval("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"));
  }

  @Test
  void readsADurationAndAnEnd() {
    assertThat(IntervalParser.parse("P1D/2024-02-01"))
        .isEqualTo(interval("2024-01-31T00:00:00Z", "2024-02-01T00:00:00Z"));
  }

  @Test
  void aCalendarDayInTheZoneIsTwentyThreeHoursOnTheDaylightSavingDay() {
    ExportInterval day = IntervalParser.parse("2024-03-31/P1D", PARIS);
    assertThat(day.duration()).hasHours(23);
  }

  @Test
  void rendersTheGenesysWireFormInUtcWithMilliseconds() {
    assertThat(IntervalParser.parse("2024-01-01/2024-01-02", PARIS).toWireString())
        .isEqualTo("2023-12-31T23:00:00.000Z/2024-01-01T23:00:00.000Z");
    assertThat(interval("2024-01-01T00:00:00.5Z", "2024-01-02T00:00:00Z").toWireString())
        .isEqualTo("2024-01-01T00:00:00.500Z/2024-01-02T00:00:00.000Z");
  }

  @Test
  void readsItsOwnWireForm() {
    ExportInterval interval = interval("2024-01-01T00:00:00.123Z", "2024-01-02T00:00:00Z");
    assertThat(IntervalParser.parse(interval.toWireString())).isEqualTo(interval);
  }

  @Test
  void aReversedIntervalSaysSo() {
    assertInvalid("2024-02-01/2024-01-01").hasMessageContaining("reversed");
  }

  @Test
  void anEmptyIntervalExplainsThatTheEndIsExclusive() {
    assertInvalid("2024-01-01/2024-01-01")
        .hasMessageContaining("empty")
        .hasMessageContaining("exclusive")
        .hasMessageContaining("2024-01-01/2024-01-02");
  }

  @Test
  void aMissingIntervalListsTheAcceptedForms() {
    assertInvalid("").hasMessageContaining("missing").hasMessageContaining("Accepted forms");
    assertInvalid(null).hasMessageContaining("missing");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-01-01",
        "2024-01-01/2024-02-01/2024-03-01",
        "2024-13-01/2024-02-01",
        "yesterday/today",
        "2024-01-01/",
        "PT1H/PT2H",
        "2024-01-01/P",
        "2024-01-01/PT",
        "2024-01-01/P1X",
        "2024-01-01T25:00Z/2024-01-02",
      })
  void unreadableTextNamesTheIntervalAndListsTheAcceptedForms(String text) {
    assertInvalid(text).hasMessageContaining("Accepted forms");
  }

  @Test
  void aNegativeDurationIsRejected() {
    assertInvalid("2024-01-01/-P1D").hasMessageContaining("Accepted forms");
    assertInvalid("2024-01-01/P-1D").hasMessageContaining("negative");
  }

  @Test
  void subMillisecondPrecisionIsRejectedBecauseGenesysCannotExpressIt() {
    assertInvalid("2024-01-01T00:00:00.0001Z/2024-01-02").hasMessageContaining("millisecond");
  }

  @Test
  void datesOutsideTheSupportedYearsAreRejected() {
    assertInvalid("1969-12-31/1970-01-02").hasMessageContaining("1970 to 9999");
    assertInvalid("9999-12-31/P2D").hasMessageContaining("1970 to 9999");
  }

  @Test
  void readsZoneNamesAndRejectsUnknownOnes() {
    assertThat(IntervalParser.parseZone("Europe/Paris")).isEqualTo(PARIS);
    assertThat(IntervalParser.parseZone("+02:00")).isEqualTo(ZoneId.of("+02:00"));
    assertThatThrownBy(() -> IntervalParser.parseZone("Mars/Olympus"))
        .isInstanceOf(InvalidRequest.class)
        .hasMessageContaining("Mars/Olympus")
        .extracting(e -> ((InvalidRequest) e).field())
        .isEqualTo("zone");
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(String text) {
    return assertThatThrownBy(() -> IntervalParser.parse(text))
        .isInstanceOfSatisfying(
            InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("interval"));
  }
}
