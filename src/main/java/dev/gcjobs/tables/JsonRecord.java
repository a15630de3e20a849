package dev.gcjobs.tables;

/**
 * One record as its JSON text, checked but not flattened, for a destination that flattens records
 * itself: its id, its content hash, the text, the fields this record and those read before it had
 * values for, and the elements of this one the tables leave out ({@link RecordScan#drops()}, null
 * for none).
 */
public record JsonRecord(
    String id, String contentHash, String json, FieldsSeen seen, String drops) {}
