package dev.gcjobs.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * An export request as the store keeps it: the normalized request plus the settings that pace it
 * (page size, concurrency, timeout), so any worker, after any restart, runs it the same way.
 */
final class StoredRequest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StoredRequest() {}

  static String write(ExportRequest request) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(request.normalizedJson());
      node.put("pageSize", request.pageSize());
      node.put("concurrency", request.concurrency());
      if (request.timeout() != null) {
        node.put("timeout", request.timeout().toString());
      }
      return CanonicalJson.write(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the normalized request is not JSON", e);
    }
  }

  static ExportRequest read(String stored) {
    try {
      JsonNode node = JSON.readTree(stored);
      return ExportRequest.builder()
          .kind(node.path("kind").asText())
          .interval(node.path("interval").asText())
          .query(node.path("query"))
          .chunkSize(Duration.parse(node.path("chunk").asText()))
          .output(node.path("output").asText())
          // Exports stored by versions that allowed larger pages read at today's maximum.
          .pageSize(Math.min(node.path("pageSize").asInt(), ExportRequest.MAX_PAGE_SIZE))
          .concurrency(node.path("concurrency").asInt())
          .timeout(node.hasNonNull("timeout") ? Duration.parse(node.get("timeout").asText()) : null)
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored export request is not JSON", e);
    }
  }
}
