package dev.gcjobs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.tables.TableTarget;
import dev.gcjobs.tables.TablesException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SyncDestinationsTest {
  static SyncDestinations.Destination duckDb(String name, String file) {
    TableTarget target = TableTarget.parse(file, null, Map.of());
    return new SyncDestinations.Destination(name, target.toString(), target);
  }

  @Test
  void namesMapToStoredNamesAndBack() {
    SyncDestinations destinations =
        new SyncDestinations(List.of(duckDb("b", "/d/b.duckdb"), duckDb("a", "/d/a.duckdb")));

    assertThat(destinations.names()).containsExactly("a", "b");
    assertThat(destinations.stored("a")).hasValue("/d/a.duckdb");
    assertThat(destinations.nameOf("/d/b.duckdb")).hasValue("b");
    assertThat(destinations.stored("/d/a.duckdb")).isEmpty();
  }

  @Test
  void aSyncIntoADestinationNotGivenHasNoTarget() {
    SyncDestinations destinations = new SyncDestinations(List.of(duckDb("a", "/d/a.duckdb")));
    SyncDefinition elsewhere =
        SyncDefinition.builder()
            .kind(ExportKind.CONVERSATIONS)
            .destination("/d/other.duckdb")
            .since(Instant.parse("2024-01-01T00:00:00Z"))
            .build();

    assertThatThrownBy(() -> destinations.target(elsewhere))
        .isInstanceOf(TablesException.class)
        .hasMessageContaining(elsewhere.id());
  }

  @Test
  void badNamesTwiceGivenNamesAndTwoNamesForTheSameTablesAreRefused() {
    assertThatThrownBy(() -> new SyncDestinations(List.of(duckDb("a b", "/d/a.duckdb"))))
        .hasMessageContaining("not a destination name");
    assertThatThrownBy(
            () ->
                new SyncDestinations(
                    List.of(duckDb("a", "/d/a.duckdb"), duckDb("a", "/d/b.duckdb"))))
        .hasMessageContaining("given twice");
    assertThatThrownBy(
            () ->
                new SyncDestinations(
                    List.of(duckDb("a", "/d/a.duckdb"), duckDb("b", "duckdb:/d/a.duckdb"))))
        .hasMessageContaining("a and b name the same tables");
  }
}
