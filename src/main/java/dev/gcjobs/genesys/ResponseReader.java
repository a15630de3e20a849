package dev.gcjobs.genesys;

/**
 * Turns a successful answer into the caller's result. It may run more than once per call (once per
 * successful attempt whose body turned out malformed), so it must not hand anything on before it
 * has read the whole body.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface ResponseReader<T> {
  /**
   * @throws MalformedResponseException when the body is truncated or not what was expected; the
   *     client then sends the request again
   */
  T read(ApiResponse response) throws MalformedResponseException;
}
