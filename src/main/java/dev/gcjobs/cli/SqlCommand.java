package dev.gcjobs.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.app.TableLoads;
import dev.gcjobs.tables.TablesException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gcjobs sql}: one query on a DuckDB file, printed as a table, CSV or JSON. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs one SQL query (DuckDB's dialect) on a DuckDB file, read-only, and prints the answer.",
      "Exit codes: 0 done, 2 no such file, the file is in use, or DuckDB refused the query."
    })
public final class SqlCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Rows the table format aligns at most: it must hold them all to know the widths. */
  static final int TABLE_ROWS = 1_000;

  /** How the answer is printed. */
  enum Format {
    table,
    csv,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "The DuckDB file (PATH, or duckdb:PATH as --to takes it).")
  String file;

  @Parameters(index = "1", paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}). csv and json print every row as it"
              + " comes; table aligns the first "
              + TABLE_ROWS
              + ".")
  Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Printer printer =
        switch (format) {
          case table -> new Table(out);
          case csv -> new Csv(out);
          case json -> new Json(out);
        };
    try {
      TableLoads.sql(file, query, printer);
      printer.end();
      out.flush();
      return ExitCode.OK;
    } catch (TablesException e) {
      out.flush();
      spec.commandLine().getErr().println("gcjobs sql: " + e.getMessage());
      return ExitCode.USAGE;
    }
  }

  /** Prints an answer as it comes, and what is left once it is all there. */
  private interface Printer extends TableLoads.QueryAnswer {
    default void end() {}
  }

  /** Rows printed between two checks that the output is still read. */
  private static final int ROWS_PER_CHECK = 1_000;

  /**
   * Whether to go on after the {@code rows}-th row: not once the reader of the output is gone (a
   * pipe into {@code head}), which a PrintWriter says only when asked. picocli's writer of the
   * standard output wraps it in one that loses its errors, so the standard output is asked too.
   */
  private static boolean stillRead(PrintWriter out, long rows) {
    return rows % ROWS_PER_CHECK != 0 || !(out.checkError() || System.out.checkError());
  }

  /** Aligns the first rows (it must hold them all to know the widths), then says how many. */
  private static final class Table implements Printer {
    private final PrintWriter out;
    private TextTable table;
    private long rows;

    Table(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void columns(List<String> names) {
      table = new TextTable(names.toArray(String[]::new));
    }

    @Override
    public boolean row(List<Object> values) {
      if (rows++ == TABLE_ROWS) {
        return false;
      }
      table.row(values.stream().map(SqlCommand::text).toArray());
      return true;
    }

    @Override
    public void end() {
      table.print(out);
      out.println(
          rows > TABLE_ROWS
              ? "(the first "
                  + TABLE_ROWS
                  + " rows; --format csv or json prints them all, or add a LIMIT)"
              : "(" + rows + (rows == 1 ? " row)" : " rows)"));
    }
  }

  /** Prints each row as a CSV line as it comes. */
  private static final class Csv implements Printer {
    private final PrintWriter out;
    private long rows;

    Csv(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void columns(List<String> names) {
      out.println(names.stream().map(Csv::cell).collect(Collectors.joining(",")));
    }

    @Override
    public boolean row(List<Object> values) {
      out.println(values.stream().map(Csv::cell).collect(Collectors.joining(",")));
      return stillRead(out, ++rows);
    }

    private static String cell(Object value) {
      String text = text(value);
      if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
      }
      return text;
    }
  }

  /** A value as one line of text: nested values (lists, structs, maps, JSON) as JSON. */
  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> || value instanceof Map<?, ?>) {
      return JSON.valueToTree(jsonValue(value)).toString();
    }
    return value.toString();
  }

  /** Prints a JSON array of one object per row, each as it comes. */
  private static final class Json implements Printer {
    private final PrintWriter out;
    private final JsonGenerator json;
    private final List<String> columns = new ArrayList<>();
    private long rows;

    Json(PrintWriter out) {
      this.out = out;
      try {
        json = JSON.getFactory().createGenerator(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      json.useDefaultPrettyPrinter();
      json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public void columns(List<String> names) {
      columns.addAll(names);
      write(() -> json.writeStartArray());
    }

    @Override
    public boolean row(List<Object> values) {
      ObjectNode row = JSON.createObjectNode();
      for (int i = 0; i < values.size(); i++) {
        row.set(columns.get(i), JSON.valueToTree(jsonValue(values.get(i))));
      }
      write(() -> json.writeTree(row));
      return stillRead(out, ++rows);
    }

    @Override
    public void end() {
      write(
          () -> {
            json.writeEndArray();
            json.flush();
          });
      out.println();
    }

    private interface Write {
      void run() throws IOException;
    }

    private static void write(Write write) {
      try {
        write.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a PrintWriter's, which does not throw
      }
    }
  }

  /**
   * A value as Jackson writes it: numbers, booleans, JSON and nested values as themselves; any
   * other (times, UUIDs) as its text.
   */
  private static Object jsonValue(Object value) {
    if (value == null
        || value instanceof Boolean
        || value instanceof Number
        || value instanceof String
        || value instanceof JsonNode) {
      return value;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(SqlCommand::jsonValue).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> entries = new LinkedHashMap<>();
      map.forEach((k, v) -> entries.put(k, jsonValue(v)));
      return entries;
    }
    return value.toString();
  }
}
