package dev.gcjobs.emulator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One fault injection rule, written on the command line and in {@code /emulator/faults} as:
 *
 * <ul>
 *   <li>{@code ENDPOINT:FAULT=PROBABILITY}, e.g. {@code results:503=0.1}: each call of the endpoint
 *       answers with the fault with that probability;
 *   <li>{@code ENDPOINT@N[,N...]=FAULT}, e.g. {@code results@3=503}: the N-th call of the endpoint
 *       (counted from when the rule is added; from start-up on the command line) answers with the
 *       fault.
 * </ul>
 *
 * ENDPOINT is an {@link Endpoint} wire name, {@code api} (every endpoint but {@code token}) or
 * {@code all}; FAULT is a {@link FaultKind} wire name (400, 404, 429, 500, 502, 503, 504, reset,
 * slow, truncate).
 */
public sealed interface FaultRule {

  /** The endpoints the rule applies to. */
  Set<Endpoint> endpoints();

  /** The fault injected. */
  FaultKind kind();

  /** Each call of the endpoints answers with {@code kind} with this probability. */
  record Random(Set<Endpoint> endpoints, FaultKind kind, double probability) implements FaultRule {
    public Random {
      endpoints = Set.copyOf(endpoints);
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException(
            "fault probability must be between 0 and 1, got " + probability);
      }
    }
  }

  /** The given calls (1 = the next one) of each endpoint answer with {@code kind}. */
  record Scripted(Set<Endpoint> endpoints, List<Integer> calls, FaultKind kind)
      implements FaultRule {
    public Scripted {
      endpoints = Set.copyOf(endpoints);
      calls = List.copyOf(calls);
      if (calls.isEmpty() || calls.stream().anyMatch(n -> n < 1)) {
        throw new IllegalArgumentException("scripted call numbers must be 1 or more, got " + calls);
      }
    }
  }

  /**
   * Parses a rule written as {@code results:503=0.1} or {@code results@3,4=503}.
   *
   * @throws IllegalArgumentException saying what is wrong and showing the expected syntax
   */
  static FaultRule parse(String spec) {
    String text = spec == null ? "" : spec.trim();
    int eq = text.lastIndexOf('=');
    int at = text.indexOf('@');
    int colon = text.indexOf(':');
    try {
      if (eq > 0 && at > 0 && at < eq) {
        List<Integer> calls = new ArrayList<>();
        for (String n : text.substring(at + 1, eq).split(",")) {
          calls.add(Integer.parseInt(n.trim()));
        }
        return new Scripted(
            endpoints(text.substring(0, at)),
            calls,
            FaultKind.fromWireName(text.substring(eq + 1)));
      }
      if (eq > 0 && colon > 0 && colon < eq) {
        return new Random(
            endpoints(text.substring(0, colon)),
            FaultKind.fromWireName(text.substring(colon + 1, eq)),
            Double.parseDouble(text.substring(eq + 1).trim()));
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "fault rule '" + spec + "' has a bad number: " + e.getMessage() + "; " + SYNTAX);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fault rule '" + spec + "': " + e.getMessage());
    }
    throw new IllegalArgumentException("fault rule '" + spec + "' is malformed; " + SYNTAX);
  }

  /** How a rule is written, for error messages. */
  String SYNTAX =
      "write ENDPOINT:FAULT=PROBABILITY (e.g. results:503=0.1) or ENDPOINT@N[,N...]=FAULT"
          + " (e.g. results@3=503)";

  private static Set<Endpoint> endpoints(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("all")) {
      return EnumSet.complementOf(EnumSet.of(Endpoint.OTHER));
    }
    if (n.equals("api")) {
      return EnumSet.complementOf(EnumSet.of(Endpoint.OTHER, Endpoint.TOKEN));
    }
    return EnumSet.of(Endpoint.fromWireName(n));
  }
}
