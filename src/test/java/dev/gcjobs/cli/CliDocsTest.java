package dev.gcjobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/cli.md documents the whole command line: every command and subcommand by its full name
 * ({@code gcjobs exports list}), and every option name, long and short, of every one of them. A
 * name counts as documented when it appears as a whole word: {@code -o} inside {@code --output} or
 * {@code --job-delay} inside {@code --job-delay-per-record} does not count. Options declared {@code
 * hidden = true} are skipped: they are not in {@code --help} either. An option shared by several
 * commands (a mixin) is documented once for all of them.
 */
@Tag("unit")
class CliDocsTest {
  /**
   * A long option at the start of inline code ({@code `--chunk 1d`}), as the tables and prose write
   * flags. Code blocks are left out: they quote messages, misspelled flags included.
   */
  private static final Pattern LONG_OPTION = Pattern.compile("(?<!`)`(--[a-z][a-z0-9-]*)");

  private static Path doc;
  private static String text;

  @BeforeAll
  static void readDocsCliMd() throws IOException {
    // Maven runs tests in the module's directory and also says where it is; IDEs may not.
    Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    doc = root.resolve("docs").resolve("cli.md");
    assertThat(doc)
        .as("docs/cli.md, the CLI reference, expected at %s (tests run from the project root)", doc)
        .isRegularFile();
    text = Files.readString(doc);
  }

  @Test
  void everyCommandAndSubcommandIsNamedInDocsCliMd() {
    List<String> missing = new ArrayList<>();
    for (CommandLine command : commands()) {
      String name = command.getCommandSpec().qualifiedName();
      if (!containsWord(name)) {
        missing.add(name);
      }
    }

    assertThat(missing)
        .as("commands that %s never names (write their full name, e.g. `gcjobs exports list`)", doc)
        .isEmpty();
  }

  @Test
  void everyOptionOfEveryCommandIsInDocsCliMd() {
    List<String> missing = new ArrayList<>();
    for (CommandLine command : commands()) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        if (option.hidden()) {
          continue; // not in --help, so not documented either
        }
        for (String name : option.names()) {
          if (!containsWord(name)) {
            missing.add(command.getCommandSpec().qualifiedName() + ": " + name);
          }
        }
      }
    }

    assertThat(missing)
        .as("options in --help that %s does not mention (command: option)", doc)
        .isEmpty();
  }

  @Test
  void docsCliMdMentionsNoLongOptionThatNoCommandHas() {
    Set<String> known = new TreeSet<>();
    for (CommandLine command : commands()) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        known.addAll(List.of(option.names()));
      }
    }
    Set<String> unknown = new TreeSet<>();
    Matcher m = LONG_OPTION.matcher(text);
    while (m.find()) {
      if (!known.contains(m.group(1))) {
        unknown.add(m.group(1));
      }
    }

    assertThat(unknown)
        .as("long options in %s that no gcjobs command has (renamed or removed?)", doc)
        .isEmpty();
  }

  /** {@code gcjobs} and all its subcommands, depth first. */
  private static List<CommandLine> commands() {
    List<CommandLine> all = new ArrayList<>();
    collect(new CommandLine(new Main()), all);
    assertThat(all).as("the gcjobs command tree").hasSizeGreaterThan(1);
    return all;
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    // getSubcommands() maps aliases too; the same CommandLine once is enough.
    command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
  }

  private static boolean containsWord(String phrase) {
    return Pattern.compile("(?<![\\w-])" + Pattern.quote(phrase) + "(?![\\w-])")
        .matcher(text)
        .find();
  }
}
