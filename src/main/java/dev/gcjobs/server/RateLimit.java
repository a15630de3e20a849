package dev.gcjobs.server;

/**
 * The request budget of each API key: a token bucket that refills {@code requestsPerSecond} and
 * holds at most {@code burst}.
 *
 * @param requestsPerSecond the sustained rate, at least 1
 * @param burst how many requests may come at once, at least 1
 */
public record RateLimit(int requestsPerSecond, int burst) {
  /**
   * Generous for Data Actions (a flow checks an export every few seconds) while one runaway client
   * cannot starve the others.
   */
  public static final int DEFAULT_REQUESTS_PER_SECOND = 50;

  /** {@link #DEFAULT_REQUESTS_PER_SECOND}, with bursts of twice as many. */
  public static final RateLimit DEFAULT =
      new RateLimit(DEFAULT_REQUESTS_PER_SECOND, 2 * DEFAULT_REQUESTS_PER_SECOND);

  /**
   * @throws IllegalArgumentException when a value is below 1
   */
  public RateLimit {
    if (requestsPerSecond < 1 || burst < 1) {
      throw new IllegalArgumentException(
          "the rate limit needs at least 1 request a second and a burst of at least 1; got "
              + requestsPerSecond
              + "/s, burst "
              + burst);
    }
  }
}
