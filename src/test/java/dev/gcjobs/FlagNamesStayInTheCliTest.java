package dev.gcjobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lower layers say what was wrong in their own terms; only the CLI names its flags. So the HTTP
 * API's errors never speak of flags its callers do not have.
 */
@Tag("unit")
class FlagNamesStayInTheCliTest {
  /** A string literal that starts with a flag: {@code "--db..."} or {@code "-o..."}. */
  private static final Pattern FLAG_LITERAL = Pattern.compile("\"(--[a-z]|-o\\b)");

  @Test
  void noStringLiteralOutsideTheCliStartsWithAFlag() throws IOException {
    Path main = Path.of("src/main/java/dev/gcjobs");
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (main.relativize(file).startsWith("cli")) {
          continue;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = FLAG_LITERAL.matcher(lines.get(i));
          if (m.find()) {
            found.add(main.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertThat(found).as("string literals naming CLI flags outside the cli package").isEmpty();
  }
}
