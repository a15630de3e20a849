package dev.gcjobs.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of the syncs a service runs, each tagged {@code sync} with the sync's id:
 *
 * <ul>
 *   <li>{@code gcjobs.sync.lag} gauge, seconds: how far the sync's watermark trails now (NaN before
 *       its first cycle ends);
 *   <li>{@code gcjobs.sync.cycle.duration} timer: each cycle that read a window, failed or not;
 *   <li>{@code gcjobs.sync.records} counter, tag {@code change} ({@code new}, {@code changed},
 *       {@code deleted}): what cycles did to the destination;
 *   <li>{@code gcjobs.sync.failures} counter: cycles that failed or could not run.
 * </ul>
 *
 * A deleted sync's meters go with it. Thread-safe.
 */
final class SyncMetrics {
  static final String PREFIX = "gcjobs.sync.";
  private static final String TAG = "sync";

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Instant> watermarks = new ConcurrentHashMap<>();
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  SyncMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** Takes the syncs as they stand: the watermarks the lag gauges read, and which syncs exist. */
  void observe(List<SyncStatus> syncs) {
    Set<String> seen = new HashSet<>();
    for (SyncStatus s : syncs) {
      String id = s.definition().id();
      seen.add(id);
      if (s.watermark() == null) {
        watermarks.remove(id);
      } else {
        watermarks.put(id, s.watermark());
      }
      if (known.add(id)) {
        Gauge.builder(PREFIX + "lag", () -> lagSeconds(id))
            .description("How far the sync's watermark trails now")
            .baseUnit("seconds")
            .tag(TAG, id)
            .register(registry);
      }
    }
    for (String id : Set.copyOf(known)) {
      if (!seen.contains(id)) {
        forget(id);
      }
    }
  }

  /** Counts what a cycle did; a cycle that had nothing to read counts nothing. */
  void cycle(CycleSummary summary) {
    if (summary.seq() == 0) {
      return;
    }
    String id = summary.syncId();
    Timer.builder(PREFIX + "cycle.duration")
        .description("Sync cycles, from start to end")
        .tag(TAG, id)
        .register(registry)
        .record(summary.took());
    records(id, "new").increment(summary.added());
    records(id, "changed").increment(summary.changed());
    records(id, "deleted").increment(summary.deleted());
    if (!summary.succeeded()) {
      failed(id);
    }
    if (summary.watermarkAfter() != null) {
      watermarks.put(id, summary.watermarkAfter());
    }
  }

  /** Counts a cycle that failed, or that could not even begin. */
  void failed(String id) {
    Counter.builder(PREFIX + "failures")
        .description("Sync cycles that failed or could not run")
        .tag(TAG, id)
        .register(registry)
        .increment();
  }

  private Counter records(String id, String change) {
    return Counter.builder(PREFIX + "records")
        .description("Records sync cycles inserted, replaced or found deleted")
        .tag(TAG, id)
        .tag("change", change)
        .register(registry);
  }

  private double lagSeconds(String id) {
    Instant watermark = watermarks.get(id);
    return watermark == null
        ? Double.NaN
        : Duration.between(watermark, clock.instant()).toMillis() / 1000.0;
  }

  private void forget(String id) {
    known.remove(id);
    watermarks.remove(id);
    for (Meter meter : registry.getMeters()) {
      if (meter.getId().getName().startsWith(PREFIX) && id.equals(meter.getId().getTag(TAG))) {
        registry.remove(meter);
      }
    }
  }
}
