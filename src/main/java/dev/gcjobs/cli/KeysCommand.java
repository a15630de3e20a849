package dev.gcjobs.cli;

import dev.gcjobs.app.ApiKeyFile;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gcjobs keys add|list|revoke}: the API keys {@code gcjobs serve} accepts. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    subcommands = {KeysCommand.Add.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class},
    description = {
      "Manages the API keys of `gcjobs serve`. The key file holds salted SHA-256 hashes only;"
          + " a new key is shown once, by `keys add`. A running service sees changes at once."
    })
public final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code gcjobs keys add NAME}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Makes a new random API key, stores its salted hash and prints the key once, alone on"
            + " stdout (KEY=$(gcjobs keys add flows) in a script)."
      })
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeysFileOption file;

    @Parameters(paramLabel = "NAME", description = "What the key is for, e.g. architect-prod.")
    String name;

    @Override
    public Integer call() {
      ApiKeyFile keys = ApiKeyFile.at(file.resolve(null, System.getenv()));
      PrintWriter err = spec.commandLine().getErr();
      try {
        ApiKeyFile.NewKey key = keys.add(name, Instant.now());
        err.println(
            "gcjobs keys: added "
                + key.id()
                + " ("
                + key.name()
                + ") to "
                + keys.path()
                + ". Copy the key now; it is not shown again:");
        spec.commandLine().getOut().println(key.key());
        return ExitCode.OK;
      } catch (IllegalArgumentException e) {
        err.println("gcjobs keys add: " + e.getMessage());
        return ExitCode.USAGE;
      } catch (ApiKeyFile.KeyFileException e) {
        err.println("gcjobs keys add: " + e.getMessage());
        return ExitCode.FAILURE;
      }
    }
  }

  /** {@code gcjobs keys list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the keys: id, name, creation time (never the key or its hash).")
  static final class ListKeys implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeysFileOption file;

    @Override
    public Integer call() {
      ApiKeyFile keys = ApiKeyFile.at(file.resolve(null, System.getenv()));
      try {
        List<ApiKeyFile.KeyInfo> list = keys.list();
        PrintWriter out = spec.commandLine().getOut();
        if (list.isEmpty()) {
          spec.commandLine()
              .getErr()
              .println(
                  "gcjobs keys: no keys in " + keys.path() + "; add one with gcjobs keys add NAME");
          return ExitCode.OK;
        }
        out.printf("%-14s %-24s %s%n", "ID", "CREATED", "NAME");
        for (ApiKeyFile.KeyInfo key : list) {
          out.printf("%-14s %-24s %s%n", key.id(), key.created(), key.name());
        }
        return ExitCode.OK;
      } catch (ApiKeyFile.KeyFileException e) {
        spec.commandLine().getErr().println("gcjobs keys list: " + e.getMessage());
        return ExitCode.FAILURE;
      }
    }
  }

  /** {@code gcjobs keys revoke ID}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Removes a key; a running service refuses it from its next request on.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KeysFileOption file;

    @Parameters(paramLabel = "ID", description = "The key's id, as `gcjobs keys list` shows it.")
    String id;

    @Override
    public Integer call() {
      ApiKeyFile keys = ApiKeyFile.at(file.resolve(null, System.getenv()));
      PrintWriter err = spec.commandLine().getErr();
      try {
        if (!keys.revoke(id)) {
          err.println("gcjobs keys revoke: no key has the id " + id + "; see gcjobs keys list");
          return ExitCode.USAGE;
        }
        err.println("gcjobs keys: revoked " + id);
        return ExitCode.OK;
      } catch (ApiKeyFile.KeyFileException e) {
        err.println("gcjobs keys revoke: " + e.getMessage());
        return ExitCode.FAILURE;
      }
    }
  }
}
