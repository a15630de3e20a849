package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.tables.Column.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/tables.md lists every table and column of the mapping, below a marker: that part is rendered
 * here from {@link TableMapping}, so the docs cannot drift from the code. When the mapping changes,
 * this test fails and writes the file as it should be to {@code target/tables.md}, ready to copy
 * over.
 */
@Tag("unit")
class TablesDocTest {
  static final String MARKER =
      "<!-- Generated from TableMapping: TablesDocTest renders everything below this line. -->";

  @Test
  void docsTablesMdListsEveryTableAndColumnOfTheMapping() throws IOException {
    Path doc =
        Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("docs/tables.md");
    String text = Files.readString(doc);
    int marker = text.indexOf(MARKER);
    assertThat(marker).as("%s has the marker line %s", doc, MARKER).isNotNegative();
    String expected = text.substring(0, marker) + MARKER + "\n" + render();
    if (!expected.equals(text)) {
      Path fresh = doc.getParent().resolveSibling("target").resolve("tables.md");
      Files.createDirectories(fresh.getParent());
      Files.writeString(fresh, expected);
      assertThat(text)
          .as("docs/tables.md is out of date with TableMapping; the current one is in " + fresh)
          .isEqualTo(expected);
    }
  }

  static String render() {
    StringBuilder out = new StringBuilder();
    for (RecordKind kind : RecordKind.values()) {
      TableMapping mapping = TableMapping.of(kind);
      out.append("\n## ").append(capitalized(kind.cliName())).append("\n");
      for (Table table : mapping.tables()) {
        out.append("\n### `").append(table.name()).append("`\n\n");
        out.append(table.description()).append(" Key: ");
        out.append(
            table.keyColumns().stream()
                .map(c -> "`" + c.name() + "`")
                .collect(Collectors.joining(", ")));
        out.append(
            table == mapping.root()
                ? ". One row per record.\n\n"
                : ". Rows from: `" + rowPath(mapping, table) + "`.\n\n");
        out.append("| column | DuckDB | PostgreSQL | from | key |\n|---|---|---|---|---|\n");
        for (Column c : table.columns()) {
          out.append("| `")
              .append(c.name())
              .append("` | ")
              .append(c.type().duckDb())
              .append(" | ")
              .append(c.type().postgres())
              .append(" | ")
              .append(from(mapping, table, c))
              .append(" | ")
              .append(c.key() ? "key" : "")
              .append(" |\n");
        }
      }
    }
    return out.toString();
  }

  private static String rowPath(TableMapping mapping, Table table) {
    String parent = "";
    for (Table t : mapping.tables()) {
      if (t.children().contains(table)) {
        parent = t == mapping.root() ? "" : rowPath(mapping, t) + ".";
      }
    }
    return parent + table.field() + (table.shape() == Table.Shape.ENTRIES ? "{}" : "[]");
  }

  private static String from(TableMapping mapping, Table table, Column c) {
    if (c.source() == Source.FIELD) {
      String prefix = table == mapping.root() ? "" : rowPath(mapping, table) + ".";
      return "`" + prefix + c.path() + "`";
    }
    if (c.source() == Source.PARENT) {
      return "the parent row";
    }
    if (c.source() == Source.ELEMENT) {
      return "`" + rowPath(mapping, table) + "` (each string)";
    }
    return c.path();
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
