package dev.gcjobs.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
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
    StringBuilder line = new StringBuilder(name).append(": ").append(e.getMessage());
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
}
