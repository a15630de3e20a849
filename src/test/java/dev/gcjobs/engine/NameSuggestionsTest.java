package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NameSuggestionsTest {

  @Test
  void suggestsTheClosestNamesBestFirstIgnoringCase() {
    assertThat(NameSuggestions.closest("QUEUEID", List.of("userId", "queueId", "teamId")))
        .containsExactly("queueId");
    assertThat(NameSuggestions.closest("mediaTyp", Dimensions.SEGMENT)).startsWith("mediaType");
  }

  @Test
  void suggestsNothingWhenNothingIsClose() {
    assertThat(NameSuggestions.closest("colour", List.of("mediaType", "queueId"))).isEmpty();
  }

  @Test
  void measuresEditDistance() {
    assertThat(NameSuggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(NameSuggestions.distance("", "abc")).isEqualTo(3);
    assertThat(NameSuggestions.distance("abc", "abc")).isZero();
  }
}
