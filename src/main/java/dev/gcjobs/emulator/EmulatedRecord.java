package dev.gcjobs.emulator;

import java.time.Instant;

/**
 * One synthetic analytics record (a conversation or a user's details) as the emulator serves it.
 *
 * @param id the conversationId or userId
 * @param start conversationStart (for user details: the start of the first presence in range)
 * @param end conversationEnd, or null while the conversation is still in progress
 * @param json the record's JSON, exactly the bytes written into a results page
 * @param version 1 for the record as first written, 2 once the data lake has revised it
 */
public record EmulatedRecord(String id, Instant start, Instant end, byte[] json, int version) {

  /** A record as first written (version 1). */
  public EmulatedRecord(String id, Instant start, Instant end, byte[] json) {
    this(id, start, end, json, 1);
  }
}
