package dev.gcjobs.tables;

import java.time.Instant;

/**
 * Where records go: a DuckDB file, Parquet files or a PostgreSQL schema. Records are added to a
 * batch and written by {@link #commit()} in one transaction, so a process killed at any point
 * leaves the tables as of the last commit, and running the same load again gives the same tables. A
 * record whose content hash is already in the tables is skipped; one whose hash changed replaces
 * its rows (for conversations, its child rows as a set).
 *
 * <p>A destination takes records either flattened ({@link Rows}) or as JSON ({@link Json}); {@link
 * NdjsonLoad} gives each what it takes. A caller such as the engine adds the records of one page or
 * chunk and commits at its own checkpoint. Not thread-safe: one thread at a time.
 */
public interface TableDestination extends AutoCloseable {
  /** A destination that takes records flattened in Java, by {@link Flattener}. */
  interface Rows extends TableDestination {
    /**
     * Adds a record to the batch. A conversation with the same id as one already in the batch
     * replaces it (the later one wins); a user's record of another interval is written after it.
     */
    void add(FlatRecord record);
  }

  /** A destination that flattens records itself, from their JSON. */
  interface Json extends TableDestination {
    /**
     * Adds a record to the batch. A conversation with the same id as one already in the batch
     * replaces it (the later one wins); a user's record of another interval is written after it.
     */
    void add(JsonRecord record);
  }

  /** Where the tables are, for messages: a file or a URL without its settings or password. */
  String where();

  /**
   * Connects, and creates the tables of {@code mapping} that do not exist yet.
   *
   * @throws TablesException (subject {@code DESTINATION}) when the destination cannot be used
   */
  void open(TableMapping mapping);

  /** Whether the batch is as large as this destination writes at once: time to commit. */
  boolean batchFull();

  /**
   * Writes the batch in one transaction and empties it.
   *
   * @return what the batch did to the tables
   * @throws TablesException when the destination fails; the batch is then not written at all
   */
  LoadCounts commit();

  /**
   * Writes what was committed into the destination's own storage now rather than when it closes
   * (DuckDB's checkpoint), for a caller with time to spare; the others have nothing to do.
   *
   * @throws TablesException when the destination fails
   */
  default void checkpoint() {}

  /**
   * Marks deleted, at this destination's clock, the top-level records that lived during {@code
   * [start, end)} but that no load at this clock's instant saw: a re-read of that interval no
   * longer has them, so Genesys deleted them. Their rows stay, with {@code deleted_at} set; with
   * {@code purge} they are removed instead. Records of a kind with no lifetime (users) are never
   * gone.
   *
   * @return how many records are marked deleted (or were purged) at this clock's instant
   * @throws TablesException when the destination fails
   */
  long markGone(Instant start, Instant end, boolean purge);

  /**
   * What loads at this destination's clock's instant did, read back from the tables: records first
   * loaded, replaced, and seen unchanged. The same after a load stopped and run again.
   */
  LoadCounts countsAt();

  /** Closes the connection; a batch not committed is dropped. */
  @Override
  void close();
}
