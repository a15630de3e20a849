package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The synchronous {@code POST /api/v2/analytics/conversations/details/query}: paged answers, the
 * 100,000-result pagination cap, and a 504 when the query matches more records than the configured
 * threshold (the failure that makes people use jobs).
 */
final class SyncQueryEndpoint {
  static final String PATH = "/api/v2/analytics/conversations/details/query";
  static final int DEFAULT_PAGE_SIZE = 25;
  static final int MAX_PAGE_SIZE = 100;
  static final int MAX_REACHABLE_RESULTS = 100_000;

  private final AnalyticsData data;
  private final EmulatorConfig config;

  SyncQueryEndpoint(AnalyticsData data, EmulatorConfig config) {
    this.data = data;
    this.config = config;
  }

  void register(RoutesConfig routes, RequestPipeline pipeline) {
    routes.post(PATH, pipeline.api(Endpoint.SYNC_QUERY, this::query));
  }

  private void query(Context ctx) {
    JsonNode query =
        JsonBody.object(
            ctx, config.maxBodyBytes(), "a ConversationQuery with at least an interval");
    JsonNode paging = query.path("paging");
    if (!paging.isMissingNode() && !paging.isNull() && !paging.isObject()) {
      throw ApiError.badRequest("paging must be an object {pageSize, pageNumber}");
    }
    int pageSize = pagingNumber(paging, "pageSize", DEFAULT_PAGE_SIZE);
    int pageNumber = pagingNumber(paging, "pageNumber", 1);
    if (pageSize > MAX_PAGE_SIZE) {
      throw ApiError.badRequest(
          "paging.pageSize must be at most " + MAX_PAGE_SIZE + ", got " + pageSize);
    }
    if ((long) pageSize * pageNumber > MAX_REACHABLE_RESULTS) {
      throw ApiError.badRequest("Pagination may not exceed " + MAX_REACHABLE_RESULTS + " results");
    }
    List<EmulatedRecord> matched = data.conversationsSync(query);
    if (matched.size() > config.syncTimeoutThreshold()) {
      throw new ApiError(
          504,
          "gateway.timeout",
          "The request timed out: the query matched more than ["
              + config.syncTimeoutThreshold()
              + "] conversations. Narrow the interval or the filters, or use the asynchronous"
              + " jobs endpoint /api/v2/analytics/conversations/details/jobs");
    }
    int from = (int) Math.min(matched.size(), (long) (pageNumber - 1) * pageSize);
    int to = Math.min(matched.size(), from + pageSize);
    ctx.contentType("application/json")
        .result(ResultPage.syncQuery(withoutAttributes(matched.subList(from, to)), matched.size()));
  }

  /**
   * The synchronous query answers {@code AnalyticsConversationWithoutAttributes}: participant
   * attributes are only in job results (the official SDK's model of this answer has no field for
   * them). Rewriting a page of at most {@link #MAX_PAGE_SIZE} records is cheap.
   */
  private static List<EmulatedRecord> withoutAttributes(List<EmulatedRecord> records) {
    List<EmulatedRecord> stripped = new ArrayList<>(records.size());
    for (EmulatedRecord r : records) {
      try {
        JsonNode record = WireJson.MAPPER.readTree(r.json());
        for (JsonNode participant : record.path("participants")) {
          ((ObjectNode) participant).remove("attributes");
        }
        byte[] json = WireJson.MAPPER.writeValueAsBytes(record);
        stripped.add(new EmulatedRecord(r.id(), r.start(), r.end(), json, r.version()));
      } catch (IOException e) {
        throw new UncheckedIOException(e); // the emulator wrote these bytes itself
      }
    }
    return stripped;
  }

  private static int pagingNumber(JsonNode paging, String field, int fallback) {
    JsonNode value = paging.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
      throw ApiError.badRequest(
          "paging." + field + " must be a whole number of at least 1, got " + value);
    }
    return value.intValue();
  }
}
