package dev.gcjobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code gcjobs} command. */
@Command(
    name = "gcjobs",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    subcommands = {
      ExportCommand.class,
      ExportsCommand.class,
      LoadCommand.class,
      SyncCommand.class,
      SqlCommand.class,
      CheckCommand.class,
      EmulatorCommand.class,
      ServeCommand.class,
      KeysCommand.class,
      DataActionsCommand.class
    },
    description = "Genesys Cloud analytics exports with asynchronous jobs.")
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The PostgreSQL driver's own log: its warnings may quote a URL password and all, and what fails
   * reaches gcjobs as an exception, which it says in its own words. Held, as the log keeps only
   * weak references to its loggers.
   */
  private static final java.util.logging.Logger PGJDBC =
      java.util.logging.Logger.getLogger("org.postgresql");

  static {
    PGJDBC.setLevel(java.util.logging.Level.OFF);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The {@code gcjobs} command line, with one-line errors for flags it cannot parse. */
  static CommandLine commandLine() {
    return new CommandLine(new Main()).setParameterExceptionHandler(new ShortUsageErrors());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Reads the version the build wrote into the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"gcjobs " + (v == null ? "dev" : v)};
    }
  }
}
