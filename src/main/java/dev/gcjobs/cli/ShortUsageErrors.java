package dev.gcjobs.cli;

import dev.gcjobs.engine.NameSuggestions;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a flag picocli cannot parse in one line (the command, the flag, what was wrong, a
 * suggestion for a misspelt option, where the help is) instead of the whole usage text, and exits
 * 2.
 */
final class ShortUsageErrors implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    String unknown = e instanceof MissingParameterException ? unknownOption(command, args) : null;
    StringBuilder line = new StringBuilder(name).append(": ");
    if (unknown != null) {
      // picocli says what is missing first, though a misspelt flag is the likelier cause
      line.append("Unknown option: '").append(unknown).append('\'');
      List<String> close =
          NameSuggestions.closest(
              unknown, List.copyOf(command.getCommandSpec().optionsMap().keySet()));
      if (!close.isEmpty()) {
        line.append("; did you mean ").append(String.join(" or ", close)).append('?');
      }
    } else {
      line.append(e.getMessage());
    }
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
      }
    }
    line.append(" (see ").append(name).append(" --help)");
    command.getErr().println(line);
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** The first argument that looks like a flag the command does not have, or null. */
  private static String unknownOption(CommandLine command, String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return null;
      }
      String flag = arg.split("=", 2)[0];
      if (flag.startsWith("--")
          && flag.length() > 2
          && command.getCommandSpec().findOption(flag) == null) {
        return flag;
      }
    }
    return null;
  }
}
