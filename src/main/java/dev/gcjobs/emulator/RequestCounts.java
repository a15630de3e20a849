package dev.gcjobs.emulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests each endpoint answered, by HTTP status. A connection reset by fault injection
 * is counted with status {@link #CONNECTION_RESET}. Thread-safe.
 */
public final class RequestCounts {
  /** The status under which injected connection resets are counted. */
  public static final int CONNECTION_RESET = 0;

  private final Map<Endpoint, Map<Integer, LongAdder>> counts = new ConcurrentHashMap<>();

  void record(Endpoint endpoint, int status) {
    counts
        .computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, s -> new LongAdder())
        .increment();
  }

  /** Requests of the endpoint answered with the status. */
  public long count(Endpoint endpoint, int status) {
    LongAdder n = counts.getOrDefault(endpoint, Map.of()).get(status);
    return n == null ? 0 : n.sum();
  }

  /** Requests of the endpoint, whatever their status. */
  public long total(Endpoint endpoint) {
    return counts.getOrDefault(endpoint, Map.of()).values().stream()
        .mapToLong(LongAdder::sum)
        .sum();
  }

  /** A copy of all counts: endpoint → status → requests. */
  public Map<Endpoint, Map<Integer, Long>> snapshot() {
    Map<Endpoint, Map<Integer, Long>> copy = new EnumMap<>(Endpoint.class);
    counts.forEach(
        (endpoint, byStatus) -> {
          Map<Integer, Long> statuses = new TreeMap<>();
          byStatus.forEach((status, n) -> statuses.put(status, n.sum()));
          copy.put(endpoint, statuses);
        });
    return copy;
  }
}
