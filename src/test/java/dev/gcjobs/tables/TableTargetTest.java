package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TableTargetTest {
  @Test
  void aDuckDbFileIsNamedByItsExtensionOrItsPrefix() {
    Path file = Path.of("out/t.duckdb").toAbsolutePath();

    assertThat(TableTarget.parse("out/t.duckdb", null, Map.of())).hasToString(file.toString());
    assertThat(TableTarget.parse("duckdb:out/t.duckdb", null, Map.of()))
        .hasToString(file.toString());
    assertThat(
            TableTarget.parse("duckdb:out/tables", null, Map.of()).destination(Clock.systemUTC()))
        .isInstanceOf(DuckDbDestination.class);
  }

  @Test
  void aPostgresUrlIsShownWithoutItsSettingsOrPassword() {
    TableTarget target =
        TableTarget.parse(
            "jdbc:postgresql://db:5432/x?user=u&password=hunter2",
            null,
            Map.of(TableTarget.PG_PASSWORD, "hunter3"));
    TableDestination destination = target.destination(Clock.systemUTC());

    assertThat(target).hasToString("jdbc:postgresql://db:5432/x");
    assertThat(destination.where()).isEqualTo("jdbc:postgresql://db:5432/x (schema genesys)");
    assertThat(destination.toString()).doesNotContain("hunter");
  }

  @Test
  void aPasswordInAUrlIsNeverShownWhereverItIs() {
    // The driver reads neither of these as meant (and would quote them): said before it sees them.
    assertThatThrownBy(
            () -> TableTarget.parse("jdbc:postgresql://u:hunter2@db:5432/x", null, Map.of()))
        .hasMessage(
            "jdbc:postgresql://u:***: give the user and password in GCJOBS_PG_USER and"
                + " GCJOBS_PG_PASSWORD (or as ?user=...&password=...), not before the host");
    for (String login :
        new String[] {
          "jdbc:postgresql://bob:se;cret@db/x",
          "jdbc:postgresql://bob:pa?ss@db/x",
          "jdbc:postgresql://bob:pa/ss@db/x",
          "jdbc:postgresql://bob:1234@db/x"
        }) {
      assertThatThrownBy(() -> TableTarget.parse(login, null, Map.of()))
          .hasMessageStartingWith("jdbc:postgresql://bob:***: ");
    }
    assertThat(PostgresDestination.safeUrl("jdbc:postgresql://db:5432/x?user=a@b&password=c"))
        .isEqualTo("jdbc:postgresql://db:5432/x");
    assertThatThrownBy(
            () -> TableTarget.parse("jdbc:postgresql://db/x;password=hunter2", null, Map.of()))
        .hasMessageStartingWith("jdbc:postgresql://db/x: settings go after ?");
    for (String mistyped :
        new String[] {
          "postgresql://u:hunter2@db/x", "jdbc:postgres://db/x?password=hunter2",
        }) {
      assertThatThrownBy(() -> TableTarget.parse(mistyped, null, Map.of()))
          .hasMessageContaining("not a table destination")
          .hasMessageNotContaining("hunter2");
    }
  }

  @Test
  void anythingElseIsRefusedSayingWhatIsAccepted() {
    assertThatThrownBy(() -> TableTarget.parse("tables.sqlite", null, Map.of()))
        .isInstanceOf(TablesException.class)
        .hasMessageContaining("NAME.duckdb or duckdb:PATH")
        .hasMessageContaining("jdbc:postgresql://HOST:PORT/DB")
        .extracting(e -> ((TablesException) e).subject())
        .isEqualTo(TablesException.Subject.DESTINATION);
    assertThatThrownBy(() -> TableTarget.parse("duckdb:", null, Map.of()))
        .hasMessageContaining("give the DuckDB file's path");
    assertThatThrownBy(() -> TableTarget.parse("t.duckdb", "no-dashes", Map.of()))
        .hasMessageStartingWith("'no-dashes' is not a schema name")
        .extracting(e -> ((TablesException) e).subject())
        .isEqualTo(TablesException.Subject.SCHEMA);
  }
}
