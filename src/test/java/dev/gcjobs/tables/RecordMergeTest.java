package dev.gcjobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RecordMergeTest {
  private final RecordMerge merge = new RecordMerge(TableMapping.of(RecordKind.USERS));

  @Test
  void keepsTheElementsOfBothOncePerKeyTheLatersWinningInTheEarliersPlace() {
    String earlier =
        """
        {"userId":"u","primaryPresence":[
          {"startTime":"2026-01-01T08:00:00Z","endTime":"2026-01-02T00:00:00Z","systemPresence":"AVAILABLE"},
          {"startTime":"2026-01-01T07:00:00Z","systemPresence":"BREAK"}],
         "routingStatus":[{"startTime":"2026-01-01T08:00:00Z","routingStatus":"IDLE"}]}""";
    String later =
        """
        {"userId":"u","primaryPresence":[
          {"startTime":"2026-01-01T08:00:00.000Z","endTime":"2026-01-02T09:00:00Z","systemPresence":"AVAILABLE"},
          {"startTime":"2026-01-02T09:00:00Z","systemPresence":"OFFLINE"}]}""";

    String merged = RecordMerge.text(merge.merge(earlier, later));

    assertThat(merged)
        .isEqualTo(
            "{\"userId\":\"u\",\"primaryPresence\":["
                + "{\"startTime\":\"2026-01-01T08:00:00.000Z\",\"endTime\":\"2026-01-02T09:00:00Z\","
                + "\"systemPresence\":\"AVAILABLE\"},"
                + "{\"startTime\":\"2026-01-01T07:00:00Z\",\"systemPresence\":\"BREAK\"},"
                + "{\"startTime\":\"2026-01-02T09:00:00Z\",\"systemPresence\":\"OFFLINE\"}],"
                + "\"routingStatus\":[{\"startTime\":\"2026-01-01T08:00:00Z\",\"routingStatus\":\"IDLE\"}]}");
  }

  @Test
  void keepsElementsWithoutAKeyAndTakesTheLatersTopLevelFields() {
    String earlier =
        "{\"userId\":\"u\",\"note\":\"old\",\"primaryPresence\":[{\"systemPresence\":\"X\"}]}";
    String later =
        "{\"userId\":\"u\",\"note\":\"new\",\"primaryPresence\":[{\"systemPresence\":\"X\"}]}";

    assertThat(RecordMerge.text(merge.merge(earlier, later)))
        .isEqualTo(
            "{\"userId\":\"u\",\"note\":\"new\",\"primaryPresence\":"
                + "[{\"systemPresence\":\"X\"},{\"systemPresence\":\"X\"}]}");
  }

  @Test
  void aRecordMergedIsHashedAsItsMergedText() {
    JsonRecord earlier =
        new JsonRecord("u", "h1", "{\"userId\":\"u\",\"routingStatus\":[]}", FieldsSeen.NONE);
    JsonRecord later = new JsonRecord("u", "h2", "{\"userId\":\"u\"}", FieldsSeen.NONE);

    JsonRecord merged = merge.merge(earlier, later);

    assertThat(merged.json()).isEqualTo("{\"userId\":\"u\",\"routingStatus\":[]}");
    assertThat(merged.contentHash()).isEqualTo(ContentHash.of(merged.json()));
  }
}
