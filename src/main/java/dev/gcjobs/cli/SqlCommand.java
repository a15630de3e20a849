package dev.gcjobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.app.TableLoads;
import dev.gcjobs.app.TableLoads.QueryRows;
import dev.gcjobs.tables.TablesException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
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

  /** How the answer is printed. */
  enum Format {
    table,
    csv,
    json
  }

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The DuckDB file.")
  Path file;

  @Parameters(index = "1", paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      QueryRows answer = TableLoads.sql(file, query);
      switch (format) {
        case table -> table(answer, out);
        case csv -> csv(answer, out);
        case json -> out.println(json(answer).toPrettyString());
      }
      out.flush();
      return ExitCode.OK;
    } catch (TablesException e) {
      spec.commandLine().getErr().println("gcjobs sql: " + e.getMessage());
      return ExitCode.USAGE;
    }
  }

  private static void table(QueryRows answer, PrintWriter out) {
    TextTable table = new TextTable(answer.columns().toArray(String[]::new));
    for (List<Object> row : answer.rows()) {
      table.row(row.toArray());
    }
    table.print(out);
    out.println("(" + answer.rows().size() + (answer.rows().size() == 1 ? " row)" : " rows)"));
  }

  private static void csv(QueryRows answer, PrintWriter out) {
    out.println(
        answer.columns().stream().map(SqlCommand::csvCell).collect(Collectors.joining(",")));
    for (List<Object> row : answer.rows()) {
      out.println(row.stream().map(SqlCommand::csvCell).collect(Collectors.joining(",")));
    }
  }

  private static String csvCell(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private static ArrayNode json(QueryRows answer) {
    ArrayNode rows = JSON.createArrayNode();
    for (List<Object> row : answer.rows()) {
      ObjectNode object = rows.addObject();
      for (int i = 0; i < row.size(); i++) {
        String name = answer.columns().get(i);
        Object value = row.get(i);
        if (value == null) {
          object.putNull(name);
        } else if (value instanceof Boolean b) {
          object.put(name, b);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
          object.put(name, ((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
          object.put(name, big);
        } else if (value instanceof BigDecimal decimal) {
          object.put(name, decimal);
        } else if (value instanceof Double || value instanceof Float) {
          object.put(name, ((Number) value).doubleValue());
        } else {
          object.put(name, value.toString());
        }
      }
    }
    return rows;
  }
}
