package dev.gcjobs.tables;

import java.time.Instant;
import java.util.Collection;

/**
 * Where flattened records go: a DuckDB file or a PostgreSQL schema. Records are added to a batch
 * and written by {@link #commit()} in one transaction, so a process killed at any point leaves the
 * tables as of the last commit, and running the same load again gives the same tables. A record
 * whose content hash is already in the tables is skipped; one whose hash changed replaces its rows
 * (for conversations, its child rows as a set).
 *
 * <p>A caller such as the engine adds the records of one page or chunk and commits at its own
 * checkpoint. Not thread-safe: one thread at a time.
 */
public interface TableDestination extends AutoCloseable {
  /** Where the tables are, for messages: a file or a URL without its settings or password. */
  String where();

  /**
   * Connects, and creates the tables of {@code mapping} that do not exist yet.
   *
   * @throws TablesException (subject {@code DESTINATION}) when the destination cannot be used
   */
  void open(TableMapping mapping);

  /**
   * Adds a record to the batch. A record with the same id as one already in the batch replaces it:
   * the later one wins.
   */
  void add(FlatRecord record);

  /** The number of records in the batch. */
  int pending();

  /**
   * Writes the batch in one transaction and empties it.
   *
   * @return what the batch did to the tables
   * @throws TablesException when the destination fails; the batch is then not written at all
   */
  LoadCounts commit();

  /**
   * Marks deleted the records that start in {@code [from, to)} and are not in {@code seen}: those a
   * complete re-read of that interval no longer returns, because Genesys removed them. Their {@code
   * deleted_at} is set and their rows stay; one loaded again later is taken as changed and is no
   * longer marked. One transaction.
   *
   * @param seen the ids of every record the re-read returned
   * @return how many records were marked now
   * @throws IllegalStateException when records are added but not committed
   * @throws UnsupportedOperationException for records without a start (users)
   * @throws TablesException when the destination fails; nothing is marked then
   */
  long markDeleted(Instant from, Instant to, Collection<String> seen);

  /** Closes the connection; a batch not committed is dropped. */
  @Override
  void close();
}
