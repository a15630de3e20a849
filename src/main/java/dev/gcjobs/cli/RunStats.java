package dev.gcjobs.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What the Genesys client did so far, read from its meters: requests, jobs submitted, 429 answers
 * and the time requests waited for the rate budget.
 */
record RunStats(long requests, long jobs, long rateLimited, Duration budgetWait) {

  static RunStats of(MeterRegistry registry) {
    long requests = 0;
    long jobs = 0;
    for (Timer t : registry.find("genesys.requests").timers()) {
      requests += t.count();
      String endpoint = t.getId().getTag("endpoint");
      if ("202".equals(t.getId().getTag("status"))
          && endpoint != null
          && endpoint.startsWith("POST")
          && endpoint.endsWith("/jobs")) {
        jobs += t.count();
      }
    }
    double limited =
        registry.find("genesys.rate_limited").counters().stream().mapToDouble(c -> c.count()).sum();
    double waitedMs =
        registry.find("genesys.budget.wait").timers().stream()
            .mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS))
            .sum();
    return new RunStats(requests, jobs, (long) limited, Duration.ofMillis((long) waitedMs));
  }
}
