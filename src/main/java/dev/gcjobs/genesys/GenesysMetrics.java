package dev.gcjobs.genesys;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The client's meters. Names (Micrometer style; Prometheus adds units and {@code _total}):
 *
 * <ul>
 *   <li>{@code genesys.requests} timer, tags {@code endpoint} (method and path template) and {@code
 *       status} (the HTTP status, or {@code io_error}): every attempt, retries included;
 *   <li>{@code genesys.retries} counter, tags {@code endpoint} and {@code reason};
 *   <li>{@code genesys.rate_limited} counter, tag {@code endpoint}: 429 answers;
 *   <li>{@code genesys.budget.wait} timer: time each request waited for the rate budget;
 *   <li>{@code genesys.token.fetches} counter, tag {@code outcome} ({@code success}/{@code
 *       failure}).
 * </ul>
 */
final class GenesysMetrics {
  /** The status tag of an attempt that got no HTTP answer. */
  static final String NO_ANSWER = "io_error";

  private final MeterRegistry registry;

  GenesysMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  MeterRegistry registry() {
    return registry;
  }

  void request(String endpoint, String status, Duration took) {
    Timer.builder("genesys.requests")
        .description("Genesys API attempts by endpoint and status")
        .tags("endpoint", endpoint, "status", status)
        .register(registry)
        .record(took);
    if ("429".equals(status)) {
      Counter.builder("genesys.rate_limited")
          .description("Genesys answers with status 429")
          .tags("endpoint", endpoint)
          .register(registry)
          .increment();
    }
  }

  void retry(String endpoint, String reason) {
    Counter.builder("genesys.retries")
        .description("Genesys API attempts sent again, by reason")
        .tags("endpoint", endpoint, "reason", reason)
        .register(registry)
        .increment();
  }

  void budgetWait(Duration waited) {
    Timer.builder("genesys.budget.wait")
        .description("Time requests waited for the rate budget")
        .register(registry)
        .record(waited);
  }

  void tokenFetch(boolean success) {
    Counter.builder("genesys.token.fetches")
        .description("OAuth token fetches")
        .tags("outcome", success ? "success" : "failure")
        .register(registry)
        .increment();
  }
}
