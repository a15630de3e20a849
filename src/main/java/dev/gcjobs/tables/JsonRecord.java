package dev.gcjobs.tables;

/**
 * One record as its JSON text, checked but not flattened: its id, its content hash and the text,
 * for a destination that flattens records itself.
 */
public record JsonRecord(String id, String contentHash, String json) {}
