package dev.gcjobs.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the valid names closest to a misspelt one (Levenshtein distance, case ignored). */
public final class NameSuggestions {
  // Three suggestions are enough to spot the right one and still fit on one line.
  private static final int MAX_SUGGESTIONS = 3;

  private NameSuggestions() {}

  /**
   * The up-to-three candidates closest to {@code name}, best first; empty when none is close (more
   * than a third of the name's letters, at least two, would have to change).
   */
  public static List<String> closest(String name, List<String> candidates) {
    String lower = name.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, lower.length() / 3);
    record Scored(String candidate, int distance) {}
    return candidates.stream()
        .distinct()
        .map(c -> new Scored(c, distance(lower, c.toLowerCase(Locale.ROOT))))
        .filter(s -> s.distance() <= limit)
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
        .limit(MAX_SUGGESTIONS)
        .map(Scored::candidate)
        .toList();
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
