package dev.gcjobs.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * What one cycle did: the watermark it started from and reached, how far availability trails now,
 * what changed in the destination and what it cost.
 *
 * @param syncId the sync
 * @param seq the cycle's number, or 0 when there was nothing to read
 * @param reconcile whether it re-read the whole history
 * @param windowStart the start of the interval it read, or null when it read nothing
 * @param watermarkBefore the watermark before the cycle, or null before the first
 * @param watermarkAfter the watermark after it: unchanged when it failed
 * @param lag how far Genesys' availability trails the time the cycle ended
 * @param added conversations (or users) new in the destination
 * @param changed records whose rows were replaced
 * @param deleted records found gone from Genesys
 * @param unchanged records read again with the same content
 * @param requests Genesys requests the cycle made
 * @param took how long it took
 * @param error why it failed, or null when it succeeded
 */
public record CycleSummary(
    String syncId,
    int seq,
    boolean reconcile,
    Instant windowStart,
    Instant watermarkBefore,
    Instant watermarkAfter,
    Duration lag,
    long added,
    long changed,
    long deleted,
    long unchanged,
    long requests,
    Duration took,
    String error) {

  /** Whether the cycle reached its watermark. */
  public boolean succeeded() {
    return error == null;
  }

  /** The summary as {@code --summary-json} writes it (and the service shows it). */
  public ObjectNode toJson(ObjectMapper json) {
    ObjectNode node = json.createObjectNode();
    node.put("syncId", syncId);
    node.put("cycle", seq);
    node.put("succeeded", succeeded());
    node.put("reconcile", reconcile);
    node.put("windowStart", windowStart == null ? null : windowStart.toString());
    node.put("watermarkBefore", watermarkBefore == null ? null : watermarkBefore.toString());
    node.put("watermarkAfter", watermarkAfter == null ? null : watermarkAfter.toString());
    node.put("lagSeconds", lag.toSeconds());
    node.put("new", added);
    node.put("changed", changed);
    node.put("deleted", deleted);
    node.put("unchanged", unchanged);
    node.put("requests", requests);
    node.put("seconds", took.toMillis() / 1000.0);
    node.put("error", error);
    return node;
  }
}
