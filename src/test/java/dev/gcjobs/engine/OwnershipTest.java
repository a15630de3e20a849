package dev.gcjobs.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class OwnershipTest {
  private static final Instant EXPORT_START = Instant.parse("2024-01-01T00:00:00Z");
  private static final List<ChunkSpec> CHUNKS =
      ExportPlan.of(IntervalParser.parse("2024-01-01/2024-01-04"), Duration.ofDays(1)).chunks();
  private static final Ownership CONVERSATIONS = Ownership.forKind(ExportKind.CONVERSATIONS);

  private static byte[] record(String json) {
    return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  private static List<Integer> owners(Ownership ownership, byte[] record) {
    return CHUNKS.stream()
        .filter(c -> ownership.owns(c, EXPORT_START, record))
        .map(ChunkSpec::seq)
        .toList();
  }

  @Test
  void aConversationIsOwnedByTheChunkWhereItStarts() {
    byte[] spanning =
        record(
            "{'conversationId': 'c1', 'conversationStart': '2024-01-02T23:50:00.000Z',"
                + " 'conversationEnd': '2024-01-03T00:20:00.000Z'}");
    assertThat(owners(CONVERSATIONS, spanning)).containsExactly(1);
  }

  @Test
  void aConversationThatStartedBeforeTheExportIsOwnedByTheFirstChunk() {
    byte[] early = record("{'conversationStart': '2023-12-31T23:00:00Z', 'conversationId': 'c'}");
    assertThat(owners(CONVERSATIONS, early)).containsExactly(0);
  }

  @Test
  void aConversationStartingAtAChunkBoundaryBelongsToTheLaterChunk() {
    assertThat(owners(CONVERSATIONS, record("{'conversationStart': '2024-01-02T00:00:00.000Z'}")))
        .containsExactly(1);
  }

  @Test
  void aConversationStartingAtTheExportEndIsOwnedByNoChunk() {
    assertThat(owners(CONVERSATIONS, record("{'conversationStart': '2024-01-04T00:00:00.000Z'}")))
        .isEmpty();
  }

  @Test
  void onlyTheTopLevelConversationStartCounts() {
    byte[] nested =
        record(
            "{'participants': [{'sessions': [{'conversationStart': '2024-01-03T05:00:00Z'}]}],"
                + " 'x': {'conversationStart': '2024-01-03T06:00:00Z'},"
                + " 'conversationStart': '2024-01-01T10:00:00.000Z'}");
    assertThat(owners(CONVERSATIONS, nested)).containsExactly(0);
  }

  @Test
  void anOffsetInConversationStartIsHonoured() {
    assertThat(owners(CONVERSATIONS, record("{'conversationStart': '2024-01-02T00:30:00+01:00'}")))
        .containsExactly(0);
  }

  @Test
  void everyUserDetailRecordIsKeptByTheChunkThatGotIt() {
    Ownership users = Ownership.forKind(ExportKind.USERS);
    assertThat(owners(users, record("{'userId': 'u1', 'primaryPresence': []}")))
        .containsExactly(0, 1, 2);
  }

  @Test
  void aConversationWithoutConversationStartStopsTheExportNamingIt() {
    assertThatThrownBy(() -> owners(CONVERSATIONS, record("{'conversationId': 'c9'}")))
        .isInstanceOfSatisfying(
            UnownableRecordException.class, e -> assertThat(e.conversationId()).isEqualTo("c9"))
        .hasMessageContaining("c9")
        .hasMessageContaining("no top-level conversationStart");
  }

  @Test
  void anUnreadableConversationStartStopsTheExport() {
    assertThatThrownBy(
            () ->
                owners(
                    CONVERSATIONS,
                    record("{'conversationStart': 'yesterday', 'conversationId': 'c8'}")))
        .isInstanceOf(UnownableRecordException.class)
        .hasMessageContaining("\"yesterday\"")
        .hasMessageContaining("c8");
    assertThatThrownBy(() -> owners(CONVERSATIONS, record("{'conversationStart': null}")))
        .isInstanceOf(UnownableRecordException.class);
  }

  @Test
  void aRecordThatIsNotAJsonObjectStopsTheExport() {
    assertThatThrownBy(() -> owners(CONVERSATIONS, record("[1]")))
        .isInstanceOf(UnownableRecordException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> owners(CONVERSATIONS, record("{'conversationId': ")))
        .isInstanceOf(UnownableRecordException.class)
        .hasMessageContaining("not valid JSON");
  }
}
