package dev.gcjobs.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sync destinations of {@code gcjobs serve}, from flags and {@code GCJOBS_DESTINATIONS}. */
@Tag("unit")
class ServiceDestinationsTest {
  static ServiceSettings settings(List<String> flags, Map<String, String> env) {
    return ServiceSettings.builder(Path.of("state")).destinations(flags, env).build();
  }

  @Test
  void theVariableGivesDestinationsAndAFlagWinsForTheSameName() {
    ServiceSettings settings =
        settings(
            List.of("b=/flag/b.duckdb", "c=duckdb:/flag/c.duckdb"),
            Map.of(ServiceSettings.DESTINATIONS_VARIABLE, "a=/env/a.duckdb, b=/env/b.duckdb"));

    assertThat(settings.destinations().names()).containsExactly("a", "b", "c");
    assertThat(settings.destinations().stored("a")).hasValue("/env/a.duckdb");
    assertThat(settings.destinations().stored("b")).hasValue("/flag/b.duckdb");
  }

  @Test
  void aPostgresDestinationIsStoredWithItsSchemaAndNeverItsPassword() {
    ServiceSettings settings =
        settings(
            List.of("pg=jdbc:postgresql://db:5432/analytics?password=s3cret"),
            Map.of("GCJOBS_PG_PASSWORD", "an0ther"));

    String stored = settings.destinations().stored("pg").orElseThrow();
    assertThat(stored).contains("db:5432/analytics").contains("schema genesys");
    assertThat(stored).doesNotContain("s3cret").doesNotContain("an0ther");
  }

  @Test
  void noneAtAllIsFine() {
    assertThat(settings(List.of(), Map.of()).destinations().names()).isEmpty();
  }

  @Test
  void aBadSpecIsRefusedWithoutShowingWhatFollowsAMisplacedEqualsSign() {
    assertThatThrownBy(() -> settings(List.of("jdbc:postgresql://db/x?password=s3cret"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a destination name")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> settings(List.of("w=notes.txt"), Map.of()))
        .hasMessageStartingWith("w: ");
  }
}
