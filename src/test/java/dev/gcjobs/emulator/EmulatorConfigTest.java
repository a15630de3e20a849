package dev.gcjobs.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EmulatorConfigTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    EmulatorConfig config = EmulatorConfig.builder().build();

    assertThat(config.port()).isZero();
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.clients())
        .containsExactly(java.util.Map.entry("gcjobs-demo", "gcjobs-demo-secret"));
    assertThat(config.maxPageSize()).isEqualTo(1000);
    assertThat(config.requestsPerMinute()).isEqualTo(300);
    assertThat(config.conversationsPerDay()).isEqualTo(2000);
    assertThat(config.tokenTtl()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void badSettingsAreRefusedNamingTheSettingAndItsRange() {
    assertThatThrownBy(() -> EmulatorConfig.builder().port(70_000).build())
        .hasMessageContaining("port must be 0..65535");
    assertThatThrownBy(() -> EmulatorConfig.builder().maxPageSize(0).build())
        .hasMessageContaining("maxPageSize");
    assertThatThrownBy(() -> EmulatorConfig.builder().tokenTtl(Duration.ZERO).build())
        .hasMessageContaining("tokenTtl must be positive");
    assertThatThrownBy(() -> EmulatorConfig.builder().jobBaseDelay(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("jobBaseDelay must not be negative");
    assertThatThrownBy(() -> EmulatorConfig.builder().failedJobFraction(2).build())
        .hasMessageContaining("failedJobFraction");
    assertThatThrownBy(() -> EmulatorConfig.builder().client("id", "").build())
        .hasMessageContaining("empty");
    assertThatThrownBy(
            () ->
                EmulatorConfig.builder().fault("results:503=0.7").fault("results:500=0.7").build())
        .hasMessageContaining("add up to");
  }

  @Test
  void toStringNeverShowsClientSecrets() {
    EmulatorConfig config = EmulatorConfig.builder().client("acme", "very-secret-value").build();

    assertThat(config.toString()).contains("acme").doesNotContain("very-secret-value");
  }

  @Test
  void toBuilderKeepsEverySettingAndAddsClients() {
    EmulatorConfig config =
        EmulatorConfig.builder()
            .seed(9)
            .maxPageSize(10)
            .client("a", "b")
            .fault("results:503=0.1")
            .build();

    EmulatorConfig copy = config.toBuilder().client("c", "d").build();

    assertThat(copy.seed()).isEqualTo(9);
    assertThat(copy.maxPageSize()).isEqualTo(10);
    assertThat(copy.clients()).containsOnlyKeys("a", "c");
    assertThat(copy.faults()).isEqualTo(config.faults());
  }
}
