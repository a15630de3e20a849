package dev.gcjobs.tables;

/**
 * One record as its JSON text, checked but not flattened, for a destination that flattens records
 * itself: its id, its content hash, the text, the fields this record and those read before it had
 * values for, and whether the tables leave out elements of this one (no key, or a repeated one).
 */
public record JsonRecord(
    String id, String contentHash, String json, FieldsSeen seen, boolean leavesOut) {}
