package dev.gcjobs.emulator;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The conversations that start on one UTC day, with the JSON of each finished conversation rendered
 * once on first use and then served as the same bytes.
 */
final class GeneratedDay {
  private final List<SyntheticConversation> conversations;
  private final AtomicReferenceArray<EmulatedRecord> finished;

  GeneratedDay(List<SyntheticConversation> conversations) {
    this.conversations = conversations;
    this.finished = new AtomicReferenceArray<>(conversations.size());
  }

  /** Ordered by start, then id. */
  List<SyntheticConversation> conversations() {
    return conversations;
  }

  /** The record of a conversation that has ended; its bytes never change. */
  EmulatedRecord finishedRecord(int index) {
    EmulatedRecord record = finished.get(index);
    if (record == null) {
      record = record(conversations.get(index));
      finished.compareAndSet(index, null, record);
    }
    return record;
  }

  /** The record of a conversation as seen at some instant (it may still be in progress). */
  static EmulatedRecord record(SyntheticConversation view) {
    return new EmulatedRecord(
        view.conversationId(),
        Instant.ofEpochMilli(view.start()),
        view.end() == SyntheticConversation.OPEN ? null : Instant.ofEpochMilli(view.end()),
        ConversationJson.write(view));
  }
}
