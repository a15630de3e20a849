package dev.gcjobs.genesys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ResultsPageParserTest {

  @Test
  void handsOutEachRecordAsTheExactBytesOfThePage() throws Exception {
    SamplePages.Sample sample = SamplePages.conversations(50, "cursor-2", 7);
    ResultsPageParser.Page page = ResultsPageParser.parse(sample.page(), "conversations");

    assertThat(page.records()).hasSize(50);
    for (int i = 0; i < 50; i++) {
      assertThat(page.records().get(i)).isEqualTo(sample.records().get(i));
    }
    assertThat(page.cursor()).isEqualTo("cursor-2");
    assertThat(page.dataAvailabilityDate()).isEqualTo(Instant.parse("2024-05-02T06:00:00Z"));
  }

  @Test
  void keepsWhitespaceUnknownFieldsAndNonAsciiTextAsSent() throws Exception {
    String record =
        "{ \"conversationId\" : \"c1\",\n  \"newFieldFrom2030\": {\"x\": [1, 2.50, null]},"
            + " \"note\": \"Grüße \\u00e9 \\\" 電話\" }";
    byte[] body =
        ("{\"dataAvailabilityDate\":\"2024-05-02T06:00:00+00:00\", \"extra\": [{}],"
                + " \"conversations\": [ "
                + record
                + " ] }")
            .getBytes(UTF_8);

    ResultsPageParser.Page page = ResultsPageParser.parse(body, "conversations");

    assertThat(new String(page.records().get(0), UTF_8)).isEqualTo(record);
    assertThat(page.cursor()).isNull();
  }

  @Test
  void aLastPageWithoutCursorOrRecordsIsEmptyNotBroken() throws Exception {
    ResultsPageParser.Page page =
        ResultsPageParser.parse(
            "{\"dataAvailabilityDate\":\"2024-05-02T06:00:00.000Z\"}".getBytes(UTF_8),
            "conversations");
    assertThat(page.records()).isEmpty();
    assertThat(page.cursor()).isNull();

    assertThat(
            ResultsPageParser.parse(
                    "{\"conversations\":[],\"cursor\":null}".getBytes(UTF_8), "conversations")
                .records())
        .isEmpty();
  }

  @Test
  void readsUserDetailsFromTheirOwnArray() throws Exception {
    SamplePages.Sample sample = SamplePages.userDetails(20, "next", 3);
    ResultsPageParser.Page page = ResultsPageParser.parse(sample.page(), "userDetails");
    assertThat(page.records()).hasSize(20);
    assertThat(page.records().get(19)).isEqualTo(sample.records().get(19));
  }

  @Test
  void everyTruncationOfAPageIsDetected() {
    byte[] whole = SamplePages.conversations(3, "c", 11).page();
    for (int cut = 0; cut < whole.length; cut++) {
      byte[] truncated = Arrays.copyOf(whole, cut);
      assertThatThrownBy(() -> ResultsPageParser.parse(truncated, "conversations"))
          .as("page cut at byte %d of %d", cut, whole.length)
          .isInstanceOf(MalformedResponseException.class);
    }
  }

  @Test
  void dataAfterThePageIsRejected() {
    byte[] body = "{\"conversations\":[]} {\"conversations\":[]}".getBytes(UTF_8);
    assertThatThrownBy(() -> ResultsPageParser.parse(body, "conversations"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("data follows");
  }

  @Test
  void aBodyThatIsNotAPageIsRejected() {
    for (String body :
        new String[] {
          "",
          "[]",
          "null",
          "<html>502 Bad Gateway</html>",
          "{\"conversations\":{}}",
          "{\"conversations\":[1]}",
          "{\"cursor\":5}",
          "{\"dataAvailabilityDate\":\"yesterday\"}"
        }) {
      assertThatThrownBy(() -> ResultsPageParser.parse(body.getBytes(UTF_8), "conversations"))
          .as(body)
          .isInstanceOf(MalformedResponseException.class);
    }
  }
}
