package dev.gcjobs.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CredentialsTest {

  @Test
  void toStringShowsTheClientIdButNeverTheSecret() {
    Credentials c = new Credentials("my-client", "s3cr3t-value");
    assertThat(c.toString()).contains("my-client").doesNotContain("s3cr3t-value");
  }

  @Test
  void anEmptyClientIdIsRefusedNamingItsSetting() {
    assertThatThrownBy(() -> new Credentials(" ", "secret"))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith("GENESYS_CLIENT_ID: is empty");
  }

  @Test
  void aMissingSecretIsRefusedNamingItsSettingWithoutShowingAnything() {
    assertThatThrownBy(() -> new Credentials("id", null))
        .isInstanceOf(GenesysConfigException.class)
        .hasMessageStartingWith("GENESYS_CLIENT_SECRET: is empty");
  }

  @Test
  void surroundingWhitespaceFromSecretFilesIsRemoved() {
    Credentials c = new Credentials(" id\n", "secret\n");
    assertThat(c.basicAuthorization())
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("id:secret".getBytes()));
  }

  @Test
  void accessTokensHideTheirValueToo() {
    AccessToken t =
        new AccessToken(
            "tok-123", java.time.Instant.EPOCH, java.time.Instant.EPOCH, java.time.Instant.EPOCH);
    assertThat(t.toString()).doesNotContain("tok-123");
  }
}
