package dev.gcjobs.emulator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fault injection control of a running emulator: per-endpoint probabilities of each {@link
 * FaultKind}, scripted faults on given calls, and the fraction of jobs that end FAILED.
 *
 * <p>Decisions come from random streams seeded with the emulator's seed, so a run with the same
 * seed and the same sequence of calls injects the same faults. Thread-safe; changes apply to the
 * next request.
 */
public final class Faults {
  /** The error message of jobs made to fail. */
  public static final String FAILED_JOB_MESSAGE =
      "Injected failure: the analytics job could not be completed; submit it again";

  private final Map<Endpoint, Map<FaultKind, Double>> probabilities = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, TreeMap<Long, FaultKind>> scripted = new EnumMap<>(Endpoint.class);
  private final Map<Endpoint, Long> calls = new EnumMap<>(Endpoint.class);
  private final Random faultRandom;
  private final Random jobRandom;
  private double failedJobFraction;

  Faults(long seed) {
    this.faultRandom = new Random(seed);
    this.jobRandom = new Random(seed ^ 0x5DEECE66DL);
  }

  /**
   * Adds a rule written in the {@link FaultRule} syntax, e.g. {@code results:503=0.1}.
   *
   * @throws IllegalArgumentException when the rule is malformed or the probabilities of one
   *     endpoint would add up to more than 1
   */
  public Faults add(String rule) {
    return add(FaultRule.parse(rule));
  }

  /**
   * Adds a rule. A probability replaces the one set before for the same endpoint and fault; a
   * scripted rule counts calls from now (its call 1 is the endpoint's next call).
   *
   * @throws IllegalArgumentException when the probabilities of one endpoint would add up to more
   *     than 1
   */
  public synchronized Faults add(FaultRule rule) {
    if (rule instanceof FaultRule.Random r) {
      for (Endpoint e : r.endpoints()) {
        Map<FaultKind, Double> p = new EnumMap<>(FaultKind.class);
        p.putAll(probabilities.getOrDefault(e, Map.of()));
        p.put(r.kind(), r.probability());
        double sum = p.values().stream().mapToDouble(Double::doubleValue).sum();
        if (sum > 1 + 1e-9) {
          throw new IllegalArgumentException(
              "fault probabilities of endpoint " + e.wireName() + " add up to " + sum + " > 1");
        }
      }
      for (Endpoint e : r.endpoints()) {
        probabilities
            .computeIfAbsent(e, k -> new EnumMap<>(FaultKind.class))
            .put(r.kind(), r.probability());
      }
    } else if (rule instanceof FaultRule.Scripted s) {
      for (Endpoint e : s.endpoints()) {
        long done = calls.getOrDefault(e, 0L);
        TreeMap<Long, FaultKind> script = scripted.computeIfAbsent(e, k -> new TreeMap<>());
        for (int n : s.calls()) {
          script.put(done + n, s.kind());
        }
      }
    }
    return this;
  }

  /** Adds each rule in order. */
  Faults addAll(List<FaultRule> rules) {
    rules.forEach(this::add);
    return this;
  }

  /** Shorthand for {@code add(new FaultRule.Random(Set.of(endpoint), kind, probability))}. */
  public Faults probability(Endpoint endpoint, FaultKind kind, double probability) {
    return add(new FaultRule.Random(Set.of(endpoint), kind, probability));
  }

  /**
   * Shorthand: the given calls of the endpoint, counted from now (1 = next), answer {@code kind}.
   */
  public Faults script(Endpoint endpoint, FaultKind kind, Integer... nthCalls) {
    return add(new FaultRule.Scripted(Set.of(endpoint), List.of(nthCalls), kind));
  }

  /**
   * Sets the fraction (0..1) of submitted jobs that end FAILED with {@link #FAILED_JOB_MESSAGE}.
   */
  public synchronized Faults failedJobFraction(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "failed job fraction must be between 0 and 1, got " + fraction);
    }
    this.failedJobFraction = fraction;
    return this;
  }

  /** The fraction of submitted jobs that end FAILED. */
  public synchronized double failedJobFraction() {
    return failedJobFraction;
  }

  /** Removes every rule and sets the failed job fraction to 0; call counts go on. */
  public synchronized void clear() {
    probabilities.clear();
    scripted.clear();
    failedJobFraction = 0;
  }

  /**
   * The active rules in {@link FaultRule} syntax; scripted calls are numbered from the emulator's
   * start.
   */
  public synchronized List<String> rules() {
    List<String> out = new ArrayList<>();
    probabilities.forEach(
        (e, kinds) ->
            kinds.forEach((k, p) -> out.add(e.wireName() + ":" + k.wireName() + "=" + p)));
    scripted.forEach(
        (e, script) ->
            script.forEach((n, k) -> out.add(e.wireName() + "@" + n + "=" + k.wireName())));
    return out;
  }

  /** Counts one call of the endpoint and decides its fault, or null for none. */
  synchronized FaultKind next(Endpoint endpoint) {
    long call = calls.merge(endpoint, 1L, Long::sum);
    TreeMap<Long, FaultKind> script = scripted.get(endpoint);
    if (script != null) {
      script.headMap(call).clear();
      FaultKind kind = script.remove(call);
      if (kind != null) {
        return kind;
      }
    }
    Map<FaultKind, Double> p = probabilities.get(endpoint);
    if (p == null || p.isEmpty()) {
      return null;
    }
    double roll = faultRandom.nextDouble();
    double edge = 0;
    for (Map.Entry<FaultKind, Double> entry : p.entrySet()) {
      edge += entry.getValue();
      if (roll < edge) {
        return entry.getKey();
      }
    }
    return null;
  }

  /** Decides whether the job being submitted will end FAILED. */
  synchronized boolean nextJobFails() {
    return failedJobFraction > 0 && jobRandom.nextDouble() < failedJobFraction;
  }
}
