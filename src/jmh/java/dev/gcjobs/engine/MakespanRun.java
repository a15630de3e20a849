package dev.gcjobs.engine;

import dev.gcjobs.emulator.Endpoint;
import dev.gcjobs.emulator.RequestCounts;
import java.time.Duration;
import java.util.Map;

/**
 * What one export run measured: its makespan, the requests the emulator answered during it (all
 * endpoints, token included), and the records written.
 */
record MakespanRun(
    Duration makespan,
    long requests,
    long tooMany,
    long submits,
    long polls,
    long pages,
    long records) {

  /** The emulator's counts between two snapshots. */
  static MakespanRun between(
      Map<Endpoint, Map<Integer, Long>> before,
      RequestCounts after,
      Duration makespan,
      long records) {
    Map<Endpoint, Map<Integer, Long>> now = after.snapshot();
    long requests = 0;
    long tooMany = 0;
    for (Endpoint e : Endpoint.values()) {
      requests += total(now, e) - total(before, e);
      tooMany += count(now, e, 429) - count(before, e, 429);
    }
    return new MakespanRun(
        makespan,
        requests,
        tooMany,
        total(now, Endpoint.SUBMIT) - total(before, Endpoint.SUBMIT),
        total(now, Endpoint.STATUS) - total(before, Endpoint.STATUS),
        total(now, Endpoint.RESULTS) - total(before, Endpoint.RESULTS),
        records);
  }

  private static long total(Map<Endpoint, Map<Integer, Long>> counts, Endpoint e) {
    return counts.getOrDefault(e, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  private static long count(Map<Endpoint, Map<Integer, Long>> counts, Endpoint e, int status) {
    return counts.getOrDefault(e, Map.of()).getOrDefault(status, 0L);
  }
}
