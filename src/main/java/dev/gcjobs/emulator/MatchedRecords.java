package dev.gcjobs.emulator;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.BiFunction;

/**
 * The ordered result of a query: a compact list of references resolved to records on access, so a
 * query over months holds ids and sort keys, not every record's bytes. Records that depend on the
 * query's "now" (conversations in progress) are captured when the query runs, so every page of one
 * result sees the same snapshot.
 */
final class MatchedRecords extends AbstractList<EmulatedRecord> implements RandomAccess {

  /** One matched record: where to find it, or the record itself when it was captured. */
  record Match(long key, String id, long epochDay, int index, EmulatedRecord captured) {}

  private final Match[] matches;
  private final BiFunction<Long, Integer, EmulatedRecord> resolver;

  /**
   * @param resolver gives the finished record at (epochDay, index)
   */
  MatchedRecords(
      List<Match> matches,
      boolean descending,
      Integer limit,
      BiFunction<Long, Integer, EmulatedRecord> resolver) {
    Comparator<Match> order = Comparator.comparingLong(Match::key).thenComparing(Match::id);
    Match[] sorted = matches.toArray(new Match[0]);
    Arrays.sort(sorted, descending ? order.reversed() : order);
    int size = limit == null ? sorted.length : Math.min(limit, sorted.length);
    this.matches = Arrays.copyOf(sorted, size);
    this.resolver = resolver;
  }

  @Override
  public EmulatedRecord get(int i) {
    Match m = matches[i];
    return m.captured() != null ? m.captured() : resolver.apply(m.epochDay(), m.index());
  }

  @Override
  public int size() {
    return matches.length;
  }
}
