package dev.gcjobs.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class FaultRuleTest {

  @Test
  void parsesAProbabilityRule() {
    assertThat(FaultRule.parse("results:503=0.1"))
        .isEqualTo(
            new FaultRule.Random(Set.of(Endpoint.RESULTS), FaultKind.SERVICE_UNAVAILABLE, 0.1));
  }

  @Test
  void parsesAScriptedRuleWithSeveralCalls() {
    assertThat(FaultRule.parse("results@3,5=reset"))
        .isEqualTo(
            new FaultRule.Scripted(
                Set.of(Endpoint.RESULTS), List.of(3, 5), FaultKind.CONNECTION_RESET));
  }

  @Test
  void acceptsKebabCaseEndpointsAndTheTruncatedSpelling() {
    assertThat(FaultRule.parse("sync-query:truncated=1").endpoints())
        .containsExactly(Endpoint.SYNC_QUERY);
    assertThat(FaultRule.parse("userResults:truncate=1").kind())
        .isEqualTo(FaultKind.TRUNCATED_BODY);
  }

  @Test
  void allMeansEveryEndpointAndApiEveryEndpointButTheToken() {
    assertThat(FaultRule.parse("all:429=0.1").endpoints())
        .isEqualTo(EnumSet.complementOf(EnumSet.of(Endpoint.OTHER)));
    assertThat(FaultRule.parse("api:429=0.1").endpoints())
        .doesNotContain(Endpoint.TOKEN, Endpoint.OTHER)
        .contains(Endpoint.SUBMIT, Endpoint.USER_RESULTS, Endpoint.SYNC_QUERY);
  }

  @Test
  void malformedRulesSayWhatIsWrong() {
    assertThatThrownBy(() -> FaultRule.parse("results=503"))
        .hasMessageContaining("results:503=0.1");
    assertThatThrownBy(() -> FaultRule.parse("resultz:503=0.1"))
        .hasMessageContaining("unknown endpoint 'resultz'");
    assertThatThrownBy(() -> FaultRule.parse("results:418=0.1"))
        .hasMessageContaining("unknown fault '418'");
    assertThatThrownBy(() -> FaultRule.parse("results:503=1.5"))
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> FaultRule.parse("results:503=often"))
        .hasMessageContaining("bad number");
    assertThatThrownBy(() -> FaultRule.parse("results@0=503")).hasMessageContaining("1 or more");
  }

  @Test
  void probabilitiesOfOneEndpointMayNotAddUpToMoreThanOne() {
    Faults faults = new Faults(1).add("results:503=0.6");

    assertThatThrownBy(() -> faults.add("results:500=0.5")).hasMessageContaining("add up to");
    assertThat(faults.add("results:503=0.4").add("results:500=0.5").rules())
        .containsExactlyInAnyOrder("results:503=0.4", "results:500=0.5");
  }
}
