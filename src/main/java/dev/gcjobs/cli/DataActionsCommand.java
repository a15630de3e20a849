package dev.gcjobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gcjobs.app.DataActions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gcjobs data-actions}: writes Genesys Cloud Data Action definitions for the service. */
@Command(
    name = "data-actions",
    mixinStandardHelpOptions = true,
    description = {
      "Writes importable Genesys Cloud Data Action definitions for `gcjobs serve`: submit an"
          + " export, read its status summary, cancel it. Import each file in Admin > Integrations"
          + " > Actions > Import, into a Web Services Data Actions integration whose credentials"
          + " carry an API key (Basic Auth: any user name, the key as password)."
    })
public final class DataActionsCommand implements Callable<Integer> {
  private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

  @Spec CommandSpec spec;

  @Option(
      names = "--base-url",
      required = true,
      paramLabel = "URL",
      description = "Where Genesys Cloud reaches the service, e.g. https://gcjobs.example.com.")
  String baseUrl;

  @Option(
      names = {"-o", "--output-dir"},
      paramLabel = "DIR",
      description =
          "Write one file per action into DIR (made if missing); default: a JSON array on stdout.")
  Path outputDir;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<DataActions.Action> definitions;
    try {
      definitions = DataActions.forBaseUrl(baseUrl);
      DataActions.warnings(baseUrl).forEach(w -> err.println("gcjobs data-actions: warning: " + w));
    } catch (IllegalArgumentException e) {
      err.println("gcjobs data-actions: --base-url: " + e.getMessage());
      return ExitCode.USAGE;
    }
    try {
      if (outputDir == null) {
        ArrayNode all = new ObjectMapper().createArrayNode();
        definitions.forEach(d -> all.add(d.definition()));
        spec.commandLine().getOut().println(PRETTY.writeValueAsString(all));
        return ExitCode.OK;
      }
      Files.createDirectories(outputDir);
      for (DataActions.Action d : definitions) {
        Path file = outputDir.resolve(d.fileName());
        Files.writeString(file, PRETTY.writeValueAsString(d.definition()) + System.lineSeparator());
        err.println("gcjobs data-actions: wrote " + file);
      }
      return ExitCode.OK;
    } catch (IOException e) {
      err.println("gcjobs data-actions: cannot write: " + e.getMessage());
      return ExitCode.FAILURE;
    }
  }
}
