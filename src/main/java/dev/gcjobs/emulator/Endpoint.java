package dev.gcjobs.emulator;

import java.util.Locale;

/**
 * The emulated endpoints, as named in fault rules, request counts and {@code /emulator/stats}.
 * Requests that match no route are counted as {@link #OTHER}.
 */
public enum Endpoint {
  TOKEN("token"),
  SUBMIT("submit"),
  STATUS("status"),
  RESULTS("results"),
  CANCEL("cancel"),
  AVAILABILITY("availability"),
  SYNC_QUERY("syncQuery"),
  USER_SUBMIT("userSubmit"),
  USER_STATUS("userStatus"),
  USER_RESULTS("userResults"),
  USER_CANCEL("userCancel"),
  USER_AVAILABILITY("userAvailability"),
  OTHER("other");

  private final String wireName;

  Endpoint(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in fault rules and statistics, e.g. {@code syncQuery}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Finds an endpoint by its wire name, ignoring case and hyphens ({@code sync-query} and {@code
   * syncQuery} both work).
   *
   * @throws IllegalArgumentException naming the valid names when none matches
   */
  public static Endpoint fromWireName(String name) {
    String wanted = normalize(name);
    for (Endpoint e : values()) {
      if (normalize(e.wireName).equals(wanted)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown endpoint '" + name + "'; use one of " + wireNames() + " or 'all'");
  }

  static String wireNames() {
    StringBuilder names = new StringBuilder();
    for (Endpoint e : values()) {
      if (e != OTHER) {
        names.append(names.length() == 0 ? "" : ", ").append(e.wireName);
      }
    }
    return names.toString();
  }

  private static String normalize(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
