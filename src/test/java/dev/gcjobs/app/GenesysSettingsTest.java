package dev.gcjobs.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.genesys.GenesysConfigException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class GenesysSettingsTest {
  private static final String SECRET = "s3cr3t-never-shown";

  @Test
  void showsWhereAndWhoButNeverTheSecret() {
    GenesysSettings settings =
        new GenesysSettings(
            "mypurecloud.ie", GenesysSettings.DOMAIN_VARIABLE, "client-1", SECRET, null);

    assertThat(settings.toString()).contains("mypurecloud.ie", "client-1").doesNotContain(SECRET);
  }

  @Test
  void theOrgIsItsApiHostAndTheClientReadingIt() {
    try (GenesysConnection connection =
        new GenesysSettings("mypurecloud.ie", "the domain", "client-1", SECRET, 100L)
            .connect(Map.of(), new SimpleMeterRegistry())) {
      assertThat(connection.source()).isEqualTo("https://api.mypurecloud.ie|client-1");
      assertThat(connection.clientId()).isEqualTo("client-1");
    }
  }

  @Test
  void aWrongDomainIsNamedByTheSettingItCameFrom() {
    assertThatThrownBy(
            () ->
                new GenesysSettings("mypurecloud.xx", "the domain", "client-1", SECRET, null)
                    .connect(Map.of(), new SimpleMeterRegistry()))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith("the domain: ")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void theRequestBudgetComesFromTheEnvironmentWhenNotGiven() {
    assertThatThrownBy(
            () ->
                new GenesysSettings("mypurecloud.ie", "the domain", "client-1", SECRET, null)
                    .connect(
                        Map.of(GenesysSettings.REQUESTS_PER_MINUTE_VARIABLE, "many"),
                        new SimpleMeterRegistry()))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith(GenesysSettings.REQUESTS_PER_MINUTE_VARIABLE);
  }
}
