package dev.gcjobs.tables;

import java.util.List;

/**
 * One record flattened: its id, its content hash and its rows, per table of the mapping in the
 * mapping's order. A row holds the values of the table's {@link Table#flattenedColumns()}: {@code
 * String}, {@code Long}, {@code Integer}, {@code Double}, {@code Boolean}, {@code Instant}, or
 * null; JSON columns hold their JSON text.
 */
public record FlatRecord(String id, String contentHash, List<List<Object[]>> rows) {}
