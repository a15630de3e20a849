package dev.gcjobs.engine;

import java.time.Duration;
import java.util.Locale;

/**
 * One gcjobs setting under test, in full-scale values: chunk size, concurrency, worker threads
 * ({@code gcjobs export} runs as many as the concurrency) and poll schedule.
 */
record MakespanConfig(Duration chunk, int concurrency, int workers, PollSchedule polls) {

  /** gcjobs' defaults, as {@code gcjobs export} uses them without flags. */
  static MakespanConfig defaults() {
    return new MakespanConfig(
        ExportPlan.DEFAULT_CHUNK,
        ExportRequest.DEFAULT_CONCURRENCY,
        ExportRequest.DEFAULT_CONCURRENCY,
        PollSchedule.DEFAULT);
  }

  /**
   * A poll schedule written {@code FIRST/GROWTH/CAP} in seconds, e.g. {@code 3/1.5/30}; jitter is
   * the default.
   */
  static PollSchedule parsePolls(String spec) {
    String[] parts = spec.split("/");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a poll schedule is FIRST/GROWTH/CAP in seconds, e.g. 3/1.5/30; got " + spec);
    }
    return new PollSchedule(
        seconds(parts[0]),
        Double.parseDouble(parts[1]),
        seconds(parts[2]),
        PollSchedule.DEFAULT_JITTER);
  }

  private static Duration seconds(String s) {
    return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
  }

  String pollsLabel() {
    return seconds(polls.firstDelay())
        + "/"
        + trim(polls.growthFactor())
        + "/"
        + seconds(polls.maxDelay());
  }

  String chunkLabel() {
    Duration c = chunk;
    return c.toHoursPart() == 0 && c.toMinutesPart() == 0 && c.toSecondsPart() == 0
        ? c.toDays() + "d"
        : c.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  String label() {
    return chunkLabel()
        + " c"
        + concurrency
        + (workers == concurrency ? "" : " w" + workers)
        + " polls "
        + pollsLabel();
  }

  private static String seconds(Duration d) {
    return trim(d.toMillis() / 1000.0) + "s";
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
