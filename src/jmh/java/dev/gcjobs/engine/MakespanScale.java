package dev.gcjobs.engine;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.genesys.RateBudget;
import dev.gcjobs.genesys.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The benchmark's time scale. The emulator and the Genesys client run on one clock that goes {@code
 * factor} times as fast as real time, and the client's waits (rate budget, retries) sleep {@code
 * 1/factor} of what they ask for. So the emulator keeps its default job timing (3 s + 1 ms a
 * matched record) and rate limit (300 a minute), and the client its 280-a-minute budget with its
 * one-second burst, all in that fast time. The engine runs on the real clock (its idle waits are
 * real sleeps), so its poll schedule is divided by {@code factor} instead. Scale 1 is the real
 * thing.
 *
 * <p>What does not scale: the engine's fixed one-second fallbacks (an idle worker's longest nap),
 * HTTP and database latency, and the CPU time of reading and writing records; all of them weigh
 * {@code factor} times more at a higher scale, so a scaled run is, if anything, pessimistic.
 */
final class MakespanScale {
  /** Data "now": long after the export interval, so every conversation in it has ended. */
  static final Instant DATA_NOW = Instant.parse("2024-06-01T00:00:00Z");

  private final int factor;
  private final Clock clock;

  MakespanScale(int factor) {
    if (factor < 1 || factor > 100) {
      throw new IllegalArgumentException("--scale must be 1..100, got " + factor);
    }
    this.factor = factor;
    this.clock = new FastClock(Instant.now(), System.nanoTime(), factor);
  }

  int factor() {
    return factor;
  }

  /** The emulator: default job timing and rate limit, on fast time. */
  EmulatorConfig emulator(int conversationsPerDay) {
    return EmulatorConfig.builder()
        .port(0)
        .dataNow(DATA_NOW)
        .conversationsPerDay(conversationsPerDay)
        // Its gzip would run on the cores the export is measured on; Genesys compresses on its own.
        .compressResponses(false)
        .clock(clock)
        .build();
  }

  /** A fresh client (its own token and budget of 280 requests a minute) on fast time. */
  GenesysClient client(Emulator emulator) {
    return GenesysClient.builder()
        .domain(emulator.baseUrl())
        .credentials(new Credentials(emulator.clientId(), emulator.clientSecret()))
        .requestsPerMinute(RateBudget.DEFAULT_REQUESTS_PER_MINUTE)
        .clock(clock)
        .sleeper(this::sleep)
        .build();
  }

  /** Sleeps {@code fastTime} of fast time. */
  void sleep(Duration fastTime) throws InterruptedException {
    Sleeper.SYSTEM.sleep(down(fastTime));
  }

  /** The same schedule with its delays divided (growth and jitter are ratios and stay). */
  PollSchedule down(PollSchedule s) {
    return new PollSchedule(down(s.firstDelay()), s.growthFactor(), down(s.maxDelay()), s.jitter());
  }

  private Duration down(Duration d) {
    return d.dividedBy(factor);
  }

  /** A measured (real) duration in full-scale seconds. */
  double fullScaleSeconds(Duration measured) {
    return measured.toNanos() * (double) factor / 1e9;
  }

  /** Real time since {@code origin}, times {@code factor}. */
  private static final class FastClock extends Clock {
    private final Instant origin;
    private final long originNanos;
    private final int factor;

    FastClock(Instant origin, long originNanos, int factor) {
      this.origin = origin;
      this.originNanos = originNanos;
      this.factor = factor;
    }

    @Override
    public Instant instant() {
      return origin.plusNanos((System.nanoTime() - originNanos) * factor);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the benchmark clock is UTC only");
    }
  }
}
