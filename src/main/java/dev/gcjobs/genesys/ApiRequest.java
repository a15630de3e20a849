package dev.gcjobs.genesys;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One Genesys API request, as {@link GenesysClient#send} sends it (possibly several times).
 *
 * @param method the HTTP method
 * @param endpoint a low-cardinality name for metrics and logs: the method and the path template,
 *     such as {@code GET /api/v2/analytics/conversations/details/jobs/{jobId}}
 * @param pathAndQuery the path below the region's API base, with the query string, such as {@code
 *     /api/v2/analytics/conversations/details/jobs/abc/results?pageSize=1000}
 * @param jsonBody the JSON body, or null for none
 * @param idempotent whether sending it again is safe: a read or delete, or a POST that only reads
 */
public record ApiRequest(
    String method, String endpoint, String pathAndQuery, byte[] jsonBody, boolean idempotent) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A GET of {@code pathAndQuery}. */
  public static ApiRequest get(String endpoint, String pathAndQuery) {
    return new ApiRequest("GET", endpoint, pathAndQuery, null, true);
  }

  /** A DELETE of {@code pathAndQuery}. */
  public static ApiRequest delete(String endpoint, String pathAndQuery) {
    return new ApiRequest("DELETE", endpoint, pathAndQuery, null, true);
  }

  /** A POST of {@code body} as JSON that creates something: not sent again after a 500. */
  public static ApiRequest post(String endpoint, String pathAndQuery, JsonNode body) {
    return new ApiRequest("POST", endpoint, pathAndQuery, json(body), false);
  }

  /** A POST of {@code body} as JSON that only reads (a query): safe to send again. */
  public static ApiRequest postQuery(String endpoint, String pathAndQuery, JsonNode body) {
    return new ApiRequest("POST", endpoint, pathAndQuery, json(body), true);
  }

  private static byte[] json(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the request body cannot be written as JSON", e);
    }
  }

  /** The path without its query string, as error messages show it. */
  public String path() {
    int q = pathAndQuery.indexOf('?');
    return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
  }

  /** Shows method and path, not the body. */
  @Override
  public String toString() {
    return method + " " + pathAndQuery;
  }
}
