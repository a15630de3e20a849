package dev.gcjobs.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class GenesysClientBuilderTest {
  private static final Map<String, String> ENV =
      Map.of(
          "GENESYS_DOMAIN", "mypurecloud.de",
          "GENESYS_CLIENT_ID", "id",
          "GENESYS_CLIENT_SECRET", "secret",
          "GCJOBS_REQUESTS_PER_MINUTE", "120");

  @Test
  void readsRegionCredentialsAndRateFromTheEnvironment() {
    GenesysClient client = GenesysClient.builder().fromEnvironment(ENV).build();
    assertThat(client.region()).isEqualTo(Region.parse("mypurecloud.de"));
    assertThat(client.budget().requestsPerMinute()).isEqualTo(120);
    assertThat(client.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
  }

  @Test
  void theDefaultRateIsALittleUnderTheCommonLimit() {
    GenesysClient client =
        GenesysClient.builder()
            .fromEnvironment(Map.of())
            .domain("mypurecloud.com")
            .credentials(new Credentials("a", "b"))
            .build();
    assertThat(client.budget().requestsPerMinute()).isEqualTo(280);
  }

  @Test
  void flagsAppliedAfterTheEnvironmentWin() {
    GenesysClient client =
        GenesysClient.builder().fromEnvironment(ENV).domain("usw2.pure.cloud", "--domain").build();
    assertThat(client.region().name()).isEqualTo("usw2.pure.cloud");
  }

  @Test
  void aMissingDomainFailsAtBuildNamingTheSetting() {
    assertThatThrownBy(() -> GenesysClient.builder().credentials(new Credentials("a", "b")).build())
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith("GENESYS_DOMAIN: is not set");
  }

  @Test
  void missingCredentialsFailAtBuildNamingTheSetting() {
    assertThatThrownBy(
            () ->
                GenesysClient.builder()
                    .fromEnvironment(
                        Map.of("GENESYS_DOMAIN", "mypurecloud.ie", "GENESYS_CLIENT_ID", "a"))
                    .build())
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith("GENESYS_CLIENT_SECRET: is empty");
  }

  @Test
  void badRatesFailNamingTheSetting() {
    assertThatThrownBy(
            () ->
                GenesysClient.builder().fromEnvironment(Map.of("GCJOBS_REQUESTS_PER_MINUTE", "-1")))
        .hasMessageStartingWith("GCJOBS_REQUESTS_PER_MINUTE: must be a whole number");
    assertThatThrownBy(
            () ->
                GenesysClient.builder()
                    .fromEnvironment(Map.of("GCJOBS_REQUESTS_PER_MINUTE", "fast")))
        .hasMessage(
            "GCJOBS_REQUESTS_PER_MINUTE: must be a whole number of requests per minute, got 'fast'");
  }

  @Test
  void anUnknownRegionFailsWhenSetNotLater() {
    assertThatThrownBy(
            () -> GenesysClient.builder().fromEnvironment(Map.of("GENESYS_DOMAIN", "genesys.com")))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith("GENESYS_DOMAIN: 'genesys.com' is not a Genesys Cloud region");
  }
}
