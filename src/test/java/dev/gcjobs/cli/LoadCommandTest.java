package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gcjobs.tables.EmulatorNdjson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class LoadCommandTest {
  @TempDir static Path shared;
  static Path export;
  static long conversations;

  @TempDir Path dir;

  @BeforeAll
  static void writeAnExport() throws Exception {
    export = EmulatorNdjson.conversations(shared.resolve("day.ndjson"), 1, 100);
    conversations = Files.readAllLines(export).size();
  }

  @Test
  void loadsAnExportIntoADuckDbFileAndQueriesIt() throws Exception {
    Path db = dir.resolve("gcjobs.duckdb");

    CliRun load = CliRun.of("load", export.toString(), "--to", db.toString(), "-q");

    assertThat(load.exitCode()).as(load.toString()).isZero();
    assertThat(load.out())
        .contains(conversations + " conversations into " + db)
        .contains(conversations + " new, 0 changed, 0 unchanged")
        .containsPattern("session_metrics +[0-9,]+");
    CliRun table = CliRun.of("sql", db.toString(), "SELECT count(*) AS n FROM conversations");
    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out()).isEqualTo("n\n" + conversations + "\n(1 row)\n");
    CliRun csv =
        CliRun.of(
            "sql",
            db.toString(),
            "SELECT 'a,b' AS t, 1 AS one, NULL AS nothing",
            "--format",
            "csv");
    assertThat(csv.out()).isEqualTo("t,one,nothing\n\"a,b\",1,\n");
    CliRun json =
        CliRun.of(
            "sql", db.toString(), "SELECT 1 AS one, true AS yes, 'x' AS x", "--format", "json");
    JsonNode rows = new ObjectMapper().readTree(json.out());
    assertThat(rows.get(0).get("one").isNumber()).isTrue();
    assertThat(rows.get(0).get("yes").isBoolean()).isTrue();
    assertThat(rows.get(0).get("x").asText()).isEqualTo("x");
  }

  @Test
  void sqlPrintsNestedValuesAsJsonAndAlignsAtMostATableOfRows() throws Exception {
    Path db = dir.resolve("nested.duckdb");
    CliRun.of("load", export.toString(), "--to", db.toString(), "-q");
    String nested =
        "SELECT {'a': 1, 'b': 'x'} AS s, MAP {'k': 1} AS m, [1, 2] AS l, '\\xAB'::BLOB AS b,"
            + " '{\"k\":[1]}'::JSON AS j";

    CliRun csv = CliRun.of("sql", "duckdb:" + db, nested, "--format", "csv");
    CliRun json = CliRun.of("sql", db.toString(), nested, "--format", "json");
    CliRun many = CliRun.of("sql", db.toString(), "SELECT * FROM range(1500)");

    assertThat(csv.out())
        .as(csv.toString())
        .isEqualTo(
            "s,m,l,b,j\n\"{\"\"a\"\":1,\"\"b\"\":\"\"x\"\"}\",\"{\"\"k\"\":1}\",\"[1,2]\",\\xAB,"
                + "\"{\"\"k\"\":[1]}\"\n");
    JsonNode row = new ObjectMapper().readTree(json.out()).get(0);
    assertThat(row.get("s").get("b").asText()).isEqualTo("x");
    assertThat(row.get("l").get(1).asInt()).isEqualTo(2);
    assertThat(row.get("j").get("k").get(0).asInt()).isEqualTo(1);
    assertThat(many.out().lines())
        .hasSize(1 + SqlCommand.TABLE_ROWS + 1)
        .last()
        .asString()
        .startsWith("(the first " + SqlCommand.TABLE_ROWS + " rows; --format csv or json");
  }

  @Test
  void loadingTheSameFileAgainSaysNothingChanged() {
    Path db = dir.resolve("again.duckdb");
    CliRun.of("load", export.toString(), "--to", "duckdb:" + db, "-q");

    CliRun again = CliRun.of("load", export.toString(), "--to", "duckdb:" + db, "-q");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("0 new, 0 changed, " + conversations + " unchanged");
  }

  @Test
  void aLineThatIsNotJsonIsOneLineNamingTheFileAndTheLine() throws Exception {
    Path bad = dir.resolve("bad.ndjson");
    Files.write(bad, List.of(Files.readAllLines(export).get(0), "{not json"));

    CliRun load = CliRun.of("load", bad.toString(), "--to", dir.resolve("b.duckdb").toString());

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr().lines())
        .singleElement()
        .asString()
        .startsWith("gcjobs load: " + bad + ": line 2: not JSON (");
  }

  @Test
  void aRecordNestedDeeperThanTheParserReadsIsSaidSoNotCalledNotJson() throws Exception {
    Path deep = dir.resolve("deep.ndjson");
    Files.writeString(
        deep, "{\"conversationId\":\"c\",\"x\":" + "[".repeat(1500) + "]".repeat(1500) + "}\n");

    CliRun load = CliRun.of("load", deep.toString(), "--to", dir.resolve("d.duckdb") + "", "-q");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: "
                + deep
                + ": line 1: a record too large or nested too deep to read (Document nesting depth"
                + " (1001) exceeds the maximum allowed (1000))\n");
  }

  @Test
  void aPrettyPrintedJsonFileIsRefusedAtItsFirstLineWithoutParserInternals() throws Exception {
    Path pretty = dir.resolve("pretty.json");
    Files.writeString(pretty, "{\n  \"conversationId\": \"c-1\"\n}\n");

    CliRun load = CliRun.of("load", pretty.toString(), "--to", dir.resolve("p.duckdb").toString());

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: "
                + pretty
                + ": line 1: not JSON (Unexpected end-of-input: expected close marker for Object)\n");
  }

  @Test
  void aMissingFileIsNamed() {
    CliRun load =
        CliRun.of("load", dir.resolve("none.ndjson").toString(), "--to", "x.duckdb", "-q");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo("gcjobs load: " + dir.resolve("none.ndjson") + ": no such file\n");
  }

  @Test
  void aDestinationThatCannotBeWrittenIsNamedWithItsFlag() {
    Path nowhere = dir.resolve("missing").resolve("x.duckdb");

    CliRun load = CliRun.of("load", export.toString(), "--to", nowhere.toString(), "-q");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: --to: "
                + nowhere
                + ": directory "
                + nowhere.getParent()
                + " does not exist; create it first\n");
  }

  @Test
  void somethingThatIsNotADestinationIsRefused() {
    CliRun load = CliRun.of("load", export.toString(), "--to", "tables.csv", "-q");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr()).startsWith("gcjobs load: --to: tables.csv: not a table destination;");
  }

  @Test
  void anUnreachablePostgresIsNamedWithoutItsPassword() {
    CliRun load =
        CliRun.of(
            "load",
            export.toString(),
            "--to",
            "jdbc:postgresql://127.0.0.1:1/test?user=me&password=hunter2",
            "-q");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .startsWith("gcjobs load: --to: jdbc:postgresql://127.0.0.1:1/test: cannot connect (")
        .doesNotContain("hunter2")
        .hasLineCount(1);
  }

  @Test
  void aFileThatIsNotADuckDbFileIsRefusedNotOpenedInMemory() throws Exception {
    // DuckDB opens an existing JSON file as an empty database in memory: a load would vanish.
    Path json = dir.resolve("copy.json");
    Files.copy(export, json);

    CliRun load = CliRun.of("load", export.toString(), "--to", "duckdb:" + json, "-q");
    CliRun sql = CliRun.of("sql", json.toString(), "SELECT 1");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: --to: "
                + json
                + ": not a DuckDB file (it holds something else); name a new file, or a DuckDB"
                + " one\n");
    assertThat(sql.stderr())
        .contains(json + ": not a DuckDB file (it holds something else); load it into one first");
    assertThat(CliRun.of("sql", "jdbc:postgresql://127.0.0.1/test", "SELECT 1").stderr())
        .isEqualTo(
            "gcjobs sql: jdbc:...: sql reads a DuckDB file; query PostgreSQL with its own client"
                + " (psql), and Parquet files from DuckDB (read_parquet)\n");
    assertThat(Files.readString(json)).isEqualTo(Files.readString(export));
  }

  @Test
  void elementsLeftOutForTheirKeysAreListedWithTheFieldsKeptInRawOnly() throws Exception {
    Path odd = dir.resolve("odd.ndjson");
    Files.writeString(
        odd,
        "{\"conversationId\":\"c\",\"newField\":1,\"divisionIds\":[\"d\",\"d\"],"
            + "\"participants\":[{\"purpose\":\"agent\"}]}\n");

    CliRun load = CliRun.of("load", odd.toString(), "--to", dir.resolve("o.duckdb") + "", "-q");

    assertThat(load.exitCode()).as(load.toString()).isZero();
    assertThat(load.out())
        .contains("kept in raw only, not in the tables (see docs/tables.md):")
        .containsPattern("divisionIds\\[\\] \\(repeated\\) +1\n")
        .containsPattern("newField +1\n")
        .containsPattern("participants\\[\\] \\(no participantId\\) +1\n")
        .containsPattern("participants +0\n");
  }

  @Test
  void anIdWithTheCharacterZeroIsRefusedNamingTheLine() throws Exception {
    Path bad = dir.resolve("nul-id.ndjson");
    Files.writeString(bad, "{\"conversationId\":\"c\\u0000d\"}\n");

    CliRun load = CliRun.of("load", bad.toString(), "--to", dir.resolve("n.duckdb") + "", "-q");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: "
                + bad
                + ": line 1: its conversationId holds the character U+0000, which no id has\n");
  }

  @Test
  void aMisspeltFlagIsNamedWithTheRightOneNotReportedAsAMissingOne() {
    CliRun load = CliRun.of("load", export.toString(), "--too", "x.duckdb");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: Unknown option: '--too'; did you mean --to? (see gcjobs load --help)\n");
  }

  @Test
  void aSchemaThatIsNotANameIsSaidNamingTheFlag() {
    CliRun load = CliRun.of("load", export.toString(), "--to", "x.duckdb", "--schema", "x-y", "-q");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: --schema: 'x-y' is not a schema name: use letters, digits and _ (not"
                + " first), up to 63 characters\n");
  }

  @Test
  void aTableOfAnotherProgramInTheSchemaIsSaidNamingTheFlag() throws Exception {
    Path db = dir.resolve("theirs.duckdb");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE sessions (id INTEGER)");
    }

    CliRun load = CliRun.of("load", export.toString(), "--to", db.toString(), "-q");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: --schema: "
                + db
                + ": table main.sessions has no column conversation_id (another program's table of"
                + " the same name?); load into another schema, or drop that table\n");
  }

  @Test
  void aSystemSchemaIsRefused() {
    CliRun load =
        CliRun.of(
            "load", export.toString(), "--to", "jdbc:postgresql://h/db", "--schema", "pg_catalog");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: --schema: 'pg_catalog' is a system schema of the database; name a schema"
                + " of your own\n");
  }

  @Test
  void aPostgresHostThatDoesNotExistIsSaid() {
    CliRun load =
        CliRun.of(
            "load", export.toString(), "--to", "jdbc:postgresql://no-such-host.invalid/test", "-q");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .isEqualTo(
            "gcjobs load: --to: jdbc:postgresql://no-such-host.invalid/test: cannot connect (no such"
                + " host: no-such-host.invalid)\n");
  }

  @Test
  void aUrlTheDriverCannotReadIsNamedWithoutItsPassword() {
    CliRun load =
        CliRun.of(
            "load",
            export.toString(),
            "--to",
            "jdbc:postgresql://127.0.0.1:99999/test?password=hunter2",
            "-q");

    assertThat(load.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(load.stderr())
        .startsWith("gcjobs load: --to: jdbc:postgresql://127.0.0.1:99999/test: cannot connect (")
        .doesNotContain("hunter2")
        .hasLineCount(1);
  }

  @Test
  void aQueryDuckDbRefusesIsOneLine() {
    Path db = dir.resolve("q.duckdb");
    CliRun.of("load", export.toString(), "--to", db.toString(), "-q");

    CliRun sql = CliRun.of("sql", db.toString(), "SELECT nope FROM conversations");
    CliRun running = CliRun.of("sql", db.toString(), "SELECT 'x'::VARCHAR[]", "--format", "csv");
    CliRun missing = CliRun.of("sql", dir.resolve("none.duckdb").toString(), "SELECT 1");

    assertThat(sql.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(sql.stderr()).startsWith("gcjobs sql: " + db + ": Binder Error").hasLineCount(1);
    assertThat(running.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(running.out()).as("not even a header").isEmpty();
    assertThat(running.stderr())
        .as("DuckDB's own words, not its streaming driver's")
        .startsWith("gcjobs sql: " + db + ": Conversion Error")
        .hasLineCount(1);
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.stderr()).contains("no such DuckDB file");
  }
}
