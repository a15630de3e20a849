package dev.gcjobs.cli;

import dev.gcjobs.engine.AvailabilityUnknown;
import dev.gcjobs.genesys.GenesysAuthException;
import dev.gcjobs.genesys.GenesysException;
import dev.gcjobs.store.StoreException;
import java.io.PrintStream;

/**
 * What the commands that talk to Genesys over a store say, and exit with, when the connection or
 * the store fails: one line each, the same codes everywhere.
 */
final class ConnectionFailures {
  private ConnectionFailures() {}

  /**
   * Says what failed, led by {@code command} ({@code gcjobs export}).
   *
   * @return the exit code, or -1 when {@code e} is not a connection or store failure
   */
  static int report(String command, RuntimeException e, PrintStream err) {
    if (e instanceof GenesysAuthException) {
      err.println(command + ": " + e.getMessage());
      return ExitCode.AUTHENTICATION;
    }
    if (e instanceof GenesysException genesys) {
      // Configuration (region, credentials, rates) is checked before anything is sent.
      err.println(command + ": " + e.getMessage());
      return genesys.status() == 0 && !genesys.isTransient() ? ExitCode.USAGE : ExitCode.FAILURE;
    }
    if (e instanceof StoreException) {
      err.println(command + ": " + StoreOptions.describe(e));
      return ExitCode.USAGE;
    }
    if (e instanceof AvailabilityUnknown) {
      err.println(command + ": " + e.getMessage());
      return e.getCause() instanceof GenesysAuthException
          ? ExitCode.AUTHENTICATION
          : ExitCode.FAILURE;
    }
    return -1;
  }
}
