package dev.gcjobs.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gcjobs exports list|show|cancel}: the exports in the store. */
@Command(
    name = "exports",
    mixinStandardHelpOptions = true,
    subcommands = {ExportsListCommand.class, ExportsShowCommand.class, ExportsCancelCommand.class},
    description = {
      "Lists, shows and cancels the exports recorded in the state directory (or --db).",
      "Exit codes: 0 done, 1 other failure, 2 bad input or no such export, 3 authentication."
    })
public final class ExportsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
