package dev.gcjobs.engine;

import dev.gcjobs.genesys.AnalyticsJobsApi;
import dev.gcjobs.genesys.GenesysException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Genesys' availability endpoints, each answer kept a short while: every submit checks it, and a
 * service submitting many exports a second should not spend a request on each.
 */
final class GenesysAvailability implements Availability {
  /** Availability moves by minutes to hours; an answer this old is still the answer. */
  static final Duration KEPT = Duration.ofSeconds(30);

  private final AnalyticsJobsApi api;
  private final Clock clock;
  private final Map<ExportKind, Answer> answers = new ConcurrentHashMap<>();

  private record Answer(Instant availability, Instant readAt) {}

  GenesysAvailability(AnalyticsJobsApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  @Override
  public Optional<Instant> of(ExportKind kind) {
    Instant now = clock.instant();
    Answer answer = answers.get(kind);
    if (answer == null || !answer.readAt().plus(KEPT).isAfter(now)) {
      try {
        answer = new Answer(api.availability(kind.jobKind()), now);
      } catch (GenesysException e) {
        throw new AvailabilityUnknown(e);
      }
      answers.put(kind, answer);
    }
    return Optional.of(answer.availability());
  }
}
