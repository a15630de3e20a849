package dev.gcjobs.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StoreSettingsTest {
  @Test
  void defaultsToAnH2FileInDotGcjobsUnderTheWorkingDirectory() {
    StoreSettings settings = StoreSettings.resolve(null, null, Map.of());

    assertThat(settings.stateDir()).isEqualTo(Path.of(".gcjobs"));
    assertThat(settings.jdbcUrl())
        .startsWith("jdbc:h2:file:" + Path.of(".gcjobs").toAbsolutePath().resolve("gcjobs") + ";")
        .contains("WRITE_DELAY=0");
  }

  @Test
  void environmentOverridesDefaultsAndFlagsOverrideTheEnvironment() {
    Map<String, String> env =
        Map.of(
            "GCJOBS_STATE_DIR", "/var/lib/gcjobs",
            "GCJOBS_DB", "jdbc:postgresql://db:5432/gcjobs?user=env");

    StoreSettings fromEnv = StoreSettings.resolve(null, null, env);
    assertThat(fromEnv.stateDir()).isEqualTo(Path.of("/var/lib/gcjobs"));
    assertThat(fromEnv.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/gcjobs?user=env");

    StoreSettings fromFlags =
        StoreSettings.resolve("jdbc:postgresql://other/x?user=flag", "/tmp/state", env);
    assertThat(fromFlags.stateDir()).isEqualTo(Path.of("/tmp/state"));
    assertThat(fromFlags.jdbcUrl()).isEqualTo("jdbc:postgresql://other/x?user=flag");
  }

  @Test
  void theH2DatabaseFollowsTheStateDirectoryWhenNoUrlIsGiven() {
    StoreSettings settings =
        StoreSettings.resolve(null, null, Map.of("GCJOBS_STATE_DIR", "/srv/state"));
    assertThat(settings.jdbcUrl()).startsWith("jdbc:h2:file:/srv/state/gcjobs;");
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(StoreSettings.resolve("jdbc:postgresql://h/d?password=pw", null, Map.of()))
        .asString()
        .doesNotContain("pw")
        .contains("password=***");
  }
}
