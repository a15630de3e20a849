package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class ExportRequestJsonTest {

  private static ExportRequest.Builder read(String json) {
    return ExportRequestJson.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAFullBody() {
    ExportRequest request =
        read("{'kind': 'users', 'interval': '2024-01-01/2024-01-03', 'zone': 'UTC',"
                + " 'filters': ['userId=u1'],"
                + " 'options': {'chunk': 'PT6H', 'timeout': 'PT2H', 'pageSize': 500}}")
            .output("-")
            .build();
    assertThat(request.kind()).isEqualTo(ExportKind.USERS);
    assertThat(request.chunkSize()).isEqualTo(Duration.ofHours(6));
    assertThat(request.timeout()).isEqualTo(Duration.ofHours(2));
    assertThat(request.pageSize()).isEqualTo(500);
    assertThat(request.query().has("userFilters")).isTrue();
  }

  @Test
  void readsARawQueryInsteadOfFilters() {
    ExportRequest request =
        read("{'query': {'interval': '2024-01-01T00:00:00Z/2024-01-02T00:00:00Z',"
                + " 'segmentFilters': [{'type': 'or', 'predicates':"
                + " [{'dimension': 'mediaType', 'value': 'voice'}]}]}}")
            .output("-")
            .build();
    assertThat(request.query().has("segmentFilters")).isTrue();
    assertThat(request.interval().toWireString()).startsWith("2024-01-01T00:00:00.000Z");
  }

  @Test
  void nullMeansLeftOut() {
    ExportRequest request =
        read("{'interval': '2024-01-01/2024-01-02', 'kind': null, 'options': {'timeout': null}}")
            .output("-")
            .build();
    assertThat(request.kind()).isEqualTo(ExportKind.CONVERSATIONS);
    assertThat(request.timeout()).isEqualTo(ExportRequest.DEFAULT_TIMEOUT);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{'interval': '2024-01-01/2024-01-02', 'intervall': 'x'} | intervall",
        "{'kind': 5} | kind",
        "{'interval': ['2024-01-01']} | interval",
        "{'zone': true} | zone",
        "{'filters': 'mediaType=voice'} | filters",
        "{'filters': ['mediaType=voice', 3]} | filters[1]",
        "{'query': 'segmentFilters'} | query",
        "{'options': []} | options",
        "{'options': {'chunck': 'P1D'}} | options.chunck",
        "{'options': {'chunk': 1}} | options.chunk",
        "{'options': {'chunk': '1 day'}} | options.chunk",
        "{'options': {'timeout': 'two hours'}} | options.timeout",
        "{'options': {'pageSize': '100'}} | options.pageSize",
        "{'options': {'pageSize': 10.5}} | options.pageSize",
        "{'options': {'pageSize': 99999999999}} | options.pageSize",
        "[] | body",
        "'text' | body",
      })
  void unknownFieldsAndWrongTypesNameTheField(String body, String field) {
    assertInvalid(body, field);
  }

  @Test
  void anUnknownFieldSuggestsTheClosestOne() {
    assertInvalid("{'options': {'chunck': 'P1D'}}", "options.chunck")
        .hasMessageContaining("did you mean options.chunk");
  }

  @Test
  void malformedJsonIsABodyError() {
    assertInvalid("{'kind': ", "body").hasMessageContaining("not valid JSON");
    assertInvalid("", "body").hasMessageContaining("empty");
    assertInvalid("{} {}", "body");
  }

  @Test
  void aRepeatedFieldIsRejectedInsteadOfLastOneWins() {
    assertInvalid("{'kind': 'users', 'kind': 'conversations'}", "body")
        .hasMessageContaining("kind");
  }

  @Test
  void validationAfterReadingNamesBodyFields() {
    assertThatThrownBy(
            () ->
                read("{'interval': '2024-01-01/2024-01-02', 'filters': ['mediaType!=voice']}")
                    .output("-")
                    .build())
        .isInstanceOfSatisfying(
            InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("filters[0]"));
    assertThatThrownBy(
            () ->
                read("{'interval': '2024-01-01/2024-01-02', 'options': {'chunk': 'PT1S'}}")
                    .output("-")
                    .build())
        .isInstanceOfSatisfying(
            InvalidRequest.class, e -> assertThat(e.field()).isEqualTo("options.chunk"));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(
      String body, String field) {
    return assertThatThrownBy(() -> read(body))
        .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.field()).isEqualTo(field));
  }
}
