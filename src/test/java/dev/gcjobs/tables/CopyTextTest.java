package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CopyTextTest {
  private static String row(Object... values) {
    StringBuilder out = new StringBuilder();
    CopyText.row(values, out);
    return out.toString();
  }

  @Test
  void valuesAreTabSeparatedWithNullAsBackslashN() {
    assertThat(row("a", null, 7L, 3, 1.5, true, false)).isEqualTo("a\t\\N\t7\t3\t1.5\tt\tf\n");
  }

  @Test
  void backslashesAndControlCharactersAreEscaped() {
    assertThat(row("x\\y\tz\nw\r", "{\"a\":\"b\\\"c\"}"))
        .isEqualTo("x\\\\y\\tz\\nw\\r\t{\"a\":\"b\\\\\"c\"}\n");
  }

  @Test
  void instantsAreIsoUtcAndReadBackTheSame() {
    assertThat(row(Instant.parse("2024-06-30T23:59:59Z"))).isEqualTo("2024-06-30T23:59:59Z\n");
    assertThat(row(Instant.parse("2024-02-29T01:02:03.004Z")))
        .isEqualTo("2024-02-29T01:02:03.004000000Z\n");
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      Instant at =
          Instant.ofEpochSecond(
              random.nextLong(-62_167_219_200L, 253_402_300_800L), random.nextInt(1_000_000_000));
      String text = row(at);
      assertThat(Instant.parse(text.substring(0, text.length() - 1))).isEqualTo(at);
    }
  }

  @Test
  void instantsOutsideFourDigitYearsAreWrittenAsJavaDoes() {
    Instant far = Instant.parse("+12024-01-01T00:00:00Z");
    assertThat(row(far)).isEqualTo(far + "\n");
  }
}
