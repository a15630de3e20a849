package dev.gcjobs.store;

import static dev.gcjobs.store.ChunkState.CANCELLED;
import static dev.gcjobs.store.ChunkState.DONE;
import static dev.gcjobs.store.ChunkState.FAILED;
import static dev.gcjobs.store.ChunkState.FETCHING;
import static dev.gcjobs.store.ChunkState.PLANNED;
import static dev.gcjobs.store.ChunkState.POLLING;
import static dev.gcjobs.store.ChunkState.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gcjobs.store.ChunkLifecycle.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ChunkLifecycleTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** The lifecycle as users rely on it, written out move by move. */
  private static final Set<Move> EXPECTED =
      Set.of(
          new Move(PLANNED, Event.SLOT_TAKEN, SUBMITTED),
          new Move(SUBMITTED, Event.SUBMITTED, SUBMITTED),
          new Move(SUBMITTED, Event.POLLED, POLLING),
          new Move(POLLING, Event.POLLED, POLLING),
          new Move(SUBMITTED, Event.FULFILLED, FETCHING),
          new Move(POLLING, Event.FULFILLED, FETCHING),
          new Move(FETCHING, Event.PAGE_READ, FETCHING),
          new Move(FETCHING, Event.LAST_PAGE_READ, DONE),
          new Move(FETCHING, Event.RESULTS_REFUSED, POLLING),
          new Move(SUBMITTED, Event.EXPIRED, PLANNED),
          new Move(POLLING, Event.EXPIRED, PLANNED),
          new Move(FETCHING, Event.EXPIRED, PLANNED),
          new Move(SUBMITTED, Event.LOST, PLANNED),
          new Move(POLLING, Event.LOST, PLANNED),
          new Move(FETCHING, Event.LOST, PLANNED),
          new Move(PLANNED, Event.FAILED, FAILED),
          new Move(SUBMITTED, Event.FAILED, FAILED),
          new Move(POLLING, Event.FAILED, FAILED),
          new Move(FETCHING, Event.FAILED, FAILED),
          new Move(PLANNED, Event.DEADLINE_PASSED, PLANNED),
          new Move(SUBMITTED, Event.DEADLINE_PASSED, SUBMITTED),
          new Move(POLLING, Event.DEADLINE_PASSED, POLLING),
          new Move(FETCHING, Event.DEADLINE_PASSED, FETCHING),
          new Move(PLANNED, Event.CANCELLED, CANCELLED),
          new Move(SUBMITTED, Event.CANCELLED, CANCELLED),
          new Move(POLLING, Event.CANCELLED, CANCELLED),
          new Move(FETCHING, Event.CANCELLED, CANCELLED),
          new Move(FAILED, Event.RESTARTED, PLANNED),
          new Move(CANCELLED, Event.RESTARTED, PLANNED));

  record Move(ChunkState from, Event event, ChunkState to) {}

  @Test
  void everyAllowedMoveLeadsWhereTheLifecycleSays() {
    assertThat(table()).containsExactlyInAnyOrderElementsOf(EXPECTED);
    for (Move move : EXPECTED) {
      ChunkRow chunk = chunkIn(move.from());
      assertThat(chunk.after(move.event()).state()).as(move.toString()).isEqualTo(move.to());
    }
  }

  @Test
  void everyOtherMoveIsRefusedNamingTheChunkItsStateAndTheEvent() {
    for (ChunkState from : ChunkState.values()) {
      for (Event event : Event.values()) {
        if (ChunkLifecycle.next(from, event).isPresent()) {
          continue;
        }
        ChunkRow chunk = chunkIn(from);
        assertThatThrownBy(() -> chunk.after(event))
            .as(from + " on " + event)
            .isInstanceOf(ChunkLifecycle.IllegalChunkMove.class)
            .hasMessageContaining("chunk 3 of export e-1")
            .hasMessageContaining(from.name())
            .hasMessageContaining(event.name());
      }
    }
  }

  @Test
  void nothingLeavesDone() {
    assertThat(ChunkLifecycle.movesFrom(DONE)).isEmpty();
  }

  @Test
  void failedAndCancelledChunksLeaveOnlyByAnExplicitRestart() {
    assertThat(ChunkLifecycle.movesFrom(FAILED)).isEqualTo(Map.of(Event.RESTARTED, PLANNED));
    assertThat(ChunkLifecycle.movesFrom(CANCELLED)).isEqualTo(Map.of(Event.RESTARTED, PLANNED));
  }

  @Test
  void aBulkCancelTouchesOnlyTheStatesTheLifecycleLetsCancel() {
    assertThat(ChunkLifecycle.sourcesOf(Event.CANCELLED)).isEqualTo(ChunkState.ACTIVE);
  }

  @Test
  void theDiagramInTheDocsShowsExactlyTheTablesMoves() throws IOException {
    String doc = Files.readString(Path.of("docs/how-it-works.md"));
    Matcher block =
        Pattern.compile("```mermaid\\s*\\nstateDiagram-v2\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).as("a mermaid stateDiagram-v2 block in docs/how-it-works.md").isTrue();
    Set<Move> drawn = new HashSet<>();
    Matcher arrow =
        Pattern.compile("^\\s*(\\w+)\\s*-->\\s*(\\w+)\\s*:\\s*(.+?)\\s*$", Pattern.MULTILINE)
            .matcher(block.group(1));
    while (arrow.find()) {
      if (arrow.group(1).equals("[*]") || arrow.group(2).equals("[*]")) {
        continue;
      }
      for (String event : arrow.group(3).split("\\s*,\\s*")) {
        drawn.add(
            new Move(
                ChunkState.valueOf(arrow.group(1)),
                Event.valueOf(event),
                ChunkState.valueOf(arrow.group(2))));
      }
    }
    assertThat(drawn).containsExactlyInAnyOrderElementsOf(table());
  }

  private static Set<Move> table() {
    Set<Move> moves = new HashSet<>();
    for (ChunkState from : ChunkState.values()) {
      ChunkLifecycle.movesFrom(from).forEach((event, to) -> moves.add(new Move(from, event, to)));
    }
    return moves;
  }

  /** A chunk in {@code state}, reached through the lifecycle itself. */
  private static ChunkRow chunkIn(ChunkState state) {
    ChunkRow planned = ChunkRow.planned("e-1", 3, T0, T0.plusSeconds(3600), T0);
    return StoreContract.in(state, planned);
  }
}
