package dev.gcjobs.emulator;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The conversations that start on one UTC day, with when the data lake revises or deletes each
 * ({@link LakeChanges}), and the JSON of each finished conversation (and of its revision) rendered
 * once on first use and then served as the same bytes.
 */
final class GeneratedDay {
  private final List<SyntheticConversation> conversations;
  private final long[] revisedAt;
  private final long[] deletedAt;
  private final long[] revisionHash;
  private final AtomicReferenceArray<EmulatedRecord> finished;
  private final AtomicReferenceArray<EmulatedRecord> revised;

  GeneratedDay(
      List<SyntheticConversation> conversations, long seed, long epochDay, LakeChanges lake) {
    this.conversations = conversations;
    int n = conversations.size();
    this.revisedAt = new long[n];
    this.deletedAt = new long[n];
    this.revisionHash = new long[n];
    for (int i = 0; i < n; i++) {
      long end = conversations.get(i).end();
      revisedAt[i] = lake.revisedAt(seed, epochDay, i, end);
      deletedAt[i] = lake.deletedAt(seed, epochDay, i, end);
      if (revisedAt[i] != LakeChanges.NEVER) {
        revisionHash[i] = LakeChanges.revisionHash(seed, epochDay, i);
      }
    }
    this.finished = new AtomicReferenceArray<>(n);
    this.revised = new AtomicReferenceArray<>(n);
  }

  /** Ordered by start, then id. */
  List<SyntheticConversation> conversations() {
    return conversations;
  }

  /** Whether the lake has deleted the conversation by {@code now}. */
  boolean deletedBy(int index, long now) {
    return deletedAt[index] <= now;
  }

  /** When the lake deletes the conversation, or {@link LakeChanges#NEVER}. */
  long deletedAt(int index) {
    return deletedAt[index];
  }

  /** Whether the lake holds the conversation's revised record by {@code now}. */
  boolean revisedBy(int index, long now) {
    return revisedAt[index] <= now;
  }

  /** The conversation as revised (it has ended by then). */
  SyntheticConversation revision(int index) {
    return Revision.of(conversations.get(index), revisionHash[index]);
  }

  /** The record of a conversation that has ended; its bytes never change. */
  EmulatedRecord finishedRecord(int index) {
    EmulatedRecord record = finished.get(index);
    if (record == null) {
      record = record(conversations.get(index), 1);
      finished.compareAndSet(index, null, record);
    }
    return record;
  }

  /** The revised record of a conversation (version 2); its bytes never change. */
  EmulatedRecord revisedRecord(int index) {
    EmulatedRecord record = revised.get(index);
    if (record == null) {
      record = record(revision(index), 2);
      revised.compareAndSet(index, null, record);
    }
    return record;
  }

  /** The record of a conversation as seen at some instant (it may still be in progress). */
  static EmulatedRecord record(SyntheticConversation view, int version) {
    return new EmulatedRecord(
        view.conversationId(),
        Instant.ofEpochMilli(view.start()),
        view.end() == SyntheticConversation.OPEN ? null : Instant.ofEpochMilli(view.end()),
        ConversationJson.write(view),
        version);
  }
}
