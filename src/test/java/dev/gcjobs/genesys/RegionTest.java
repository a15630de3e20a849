package dev.gcjobs.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class RegionTest {

  @Test
  void aRegionDomainConnectsToItsApiAndLoginHostsOverTls() {
    Region r = Region.parse("mypurecloud.ie");
    assertThat(r.apiBaseUri()).isEqualTo(URI.create("https://api.mypurecloud.ie"));
    assertThat(r.tokenUri()).isEqualTo(URI.create("https://login.mypurecloud.ie/oauth/token"));
    assertThat(r.isLoopback()).isFalse();
    assertThat(r.name()).isEqualTo("mypurecloud.ie");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api.usw2.pure.cloud",
        "login.usw2.pure.cloud",
        "https://api.usw2.pure.cloud",
        "https://api.usw2.pure.cloud/",
        "  USW2.Pure.Cloud  ",
        "usw2.pure.cloud."
      })
  void apiHostsUrlsAndCasingAllMeanTheSameRegion(String value) {
    assertThat(Region.parse(value)).isEqualTo(Region.parse("usw2.pure.cloud"));
    assertThat(Region.parse(value).tokenUri())
        .isEqualTo(URI.create("https://login.usw2.pure.cloud/oauth/token"));
  }

  @Test
  void everyKnownRegionDomainIsAccepted() {
    for (String domain : Region.KNOWN_DOMAINS) {
      assertThat(Region.parse(domain).apiBaseUri().getHost()).isEqualTo("api." + domain);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]:9"})
  void aLoopbackUrlUsesOneBaseForApiAndLogin(String value) {
    Region r = Region.parse(value);
    assertThat(r.isLoopback()).isTrue();
    assertThat(r.tokenUri().toString()).isEqualTo(r.apiBaseUri() + "/oauth/token");
    assertThat(r.apiBaseUri().getScheme()).isEqualTo("http");
  }

  @Test
  void anUnknownDomainIsRefusedNamingTheSettingAndTheKnownRegions() {
    assertThatThrownBy(() -> Region.parse("example.com"))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith("GENESYS_DOMAIN: 'example.com' is not a Genesys Cloud region")
        .hasMessageContaining("mypurecloud.ie")
        .hasMessageContaining("http://127.0.0.1:PORT");
  }

  @Test
  void plainHttpToANonLoopbackHostIsRefused() {
    assertThatThrownBy(() -> Region.parse("http://api.mypurecloud.ie"))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageContaining("plain http")
        .hasMessageContaining("https");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "my purecloud.com",
        "mypurecloud..com",
        "-x.pure.cloud",
        "127.0.0.1:8080",
        "https://api.mypurecloud.ie/api/v2",
        "https://api.mypurecloud.ie:8443",
        "http://127.0.0.1:8080/?a=b",
        "http://user@127.0.0.1:8080"
      })
  void malformedValuesAreRefusedWithOneLine(String value) {
    assertThatThrownBy(() -> Region.parse(value))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith("GENESYS_DOMAIN: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void anEmptyValueSaysTheSettingIsNotSet() {
    assertThatThrownBy(() -> Region.parse("  "))
        .hasMessageStartingWith("GENESYS_DOMAIN: is not set");
    assertThatThrownBy(() -> Region.parse(null, "--domain"))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith("--domain: is not set")
        .extracting(e -> ((GenesysConfigException) e).setting())
        .isEqualTo("--domain");
  }
}
