package dev.gcjobs.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An export's interval split into chunks of a fixed size, aligned on the interval's start; the last
 * chunk is shorter when the size does not divide the interval. Chunks cover the interval exactly,
 * in order, without gaps or overlaps. Immutable and thread-safe.
 */
public final class ExportPlan {
  /**
   * Two days, chosen by measurement (docs/benchmarks.md, "Export makespan"): shorter chunks cost
   * more requests and time (every job costs a submit and status checks on top of its pages); longer
   * ones lose at higher volumes, where a few long jobs leave the request budget idle, so busy orgs
   * may want one-day chunks. Part of a request's identity.
   */
  public static final Duration DEFAULT_CHUNK = Duration.ofDays(2);

  /** Below a minute, chunks only add per-job overhead (a job takes seconds to run at the least). */
  public static final Duration MIN_CHUNK = Duration.ofMinutes(1);

  /**
   * More chunks than this is a mistake (each is a Genesys job and rows in the store): a year in
   * one-hour chunks still fits.
   */
  public static final int MAX_CHUNKS = 10_000;

  private final ExportInterval interval;
  private final Duration chunkSize;
  private final List<ChunkSpec> chunks;

  private ExportPlan(ExportInterval interval, Duration chunkSize, List<ChunkSpec> chunks) {
    this.interval = interval;
    this.chunkSize = chunkSize;
    this.chunks = List.copyOf(chunks);
  }

  /**
   * Plans {@code interval} in chunks of {@code chunkSize}.
   *
   * @throws InvalidRequest (field {@code options.chunk}) when the size is below {@link #MIN_CHUNK},
   *     not whole milliseconds, or would make more than {@link #MAX_CHUNKS} chunks
   */
  public static ExportPlan of(ExportInterval interval, Duration chunkSize) {
    long count = chunkCount(interval, chunkSize);
    List<ChunkSpec> chunks = new ArrayList<>((int) count);
    Instant start = interval.start();
    for (int seq = 0; seq < count; seq++) {
      Instant next = start.plus(chunkSize);
      Instant end = next.isBefore(interval.end()) ? next : interval.end();
      chunks.add(new ChunkSpec(seq, start, end));
      start = end;
    }
    return new ExportPlan(interval, chunkSize, chunks);
  }

  /** Plans a request's interval with its chunk size. */
  public static ExportPlan of(ExportRequest request) {
    return of(request.interval(), request.chunkSize());
  }

  /**
   * How many chunks {@code chunkSize} makes of {@code interval}, without building them.
   *
   * @throws InvalidRequest (field {@code options.chunk}) as {@link #of(ExportInterval, Duration)}
   */
  public static long chunkCount(ExportInterval interval, Duration chunkSize) {
    if (chunkSize.compareTo(MIN_CHUNK) < 0) {
      throw new InvalidRequest(
          "options.chunk",
          "the chunk size "
              + chunkSize
              + " is too small; use at least "
              + MIN_CHUNK
              + ", e.g. P1D or PT6H.");
    }
    if (chunkSize.getNano() % 1_000_000 != 0) {
      throw new InvalidRequest(
          "options.chunk",
          "the chunk size "
              + chunkSize
              + " is finer than a millisecond, the precision of Genesys intervals.");
    }
    Duration total = interval.duration();
    long whole = total.dividedBy(chunkSize);
    long count = total.equals(chunkSize.multipliedBy(whole)) ? whole : whole + 1;
    if (count > MAX_CHUNKS) {
      throw new InvalidRequest(
          "options.chunk",
          "a chunk size of "
              + chunkSize
              + " splits "
              + interval.toWireString()
              + " into "
              + count
              + " chunks, more than "
              + MAX_CHUNKS
              + "; choose a larger chunk size.");
    }
    return count;
  }

  /** The whole export interval. */
  public ExportInterval interval() {
    return interval;
  }

  /** The length of every chunk but possibly the last. */
  public Duration chunkSize() {
    return chunkSize;
  }

  /** The chunks in order: {@code seq} 0, 1, 2, ... (an unmodifiable list). */
  public List<ChunkSpec> chunks() {
    return chunks;
  }

  @Override
  public String toString() {
    return "ExportPlan["
        + interval.toWireString()
        + " in "
        + chunks.size()
        + " x "
        + chunkSize
        + "]";
  }
}
