package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.emulator.ConversationFilterLevels.SegmentContext;
import dev.gcjobs.emulator.SyntheticConversation.Participant;
import dev.gcjobs.emulator.SyntheticConversation.Segment;
import dev.gcjobs.emulator.SyntheticConversation.Session;
import java.util.List;

/**
 * A validated {@code AsyncConversationQuery} (or synchronous {@code ConversationQuery}) body.
 * Unknown fields are ignored, as Genesys does; {@code paging} is the server's business.
 */
record ConversationQuery(
    QueryInterval interval,
    boolean descending,
    String orderBy,
    Integer limit,
    boolean startOfDayIntervalMatching,
    List<DetailFilter<SyntheticConversation>> conversationFilters,
    List<DetailFilter<SegmentContext>> segmentFilters) {

  static final List<String> ORDERS = List.of("asc", "desc", "unordered");
  static final List<String> ORDER_BYS =
      List.of("conversationStart", "conversationEnd", "segmentStart", "segmentEnd");

  /** Filters on data the synthetic org does not generate; accepted only when empty. */
  private static final List<String> UNSUPPORTED_FILTERS =
      List.of("evaluationFilters", "surveyFilters", "resolutionFilters");

  static ConversationQuery parse(JsonNode body) {
    QueryFields.requireObject(body, "");
    QueryInterval interval = requiredInterval(body);
    String order = QueryFields.oneOf(body, "order", "order", ORDERS);
    String orderBy = QueryFields.oneOf(body, "orderBy", "orderBy", ORDER_BYS);
    Integer limit = QueryFields.positiveInt(body, "limit", "limit");
    Boolean startOfDay =
        QueryFields.bool(body, "startOfDayIntervalMatching", "startOfDayIntervalMatching");
    var conversationFilters =
        DetailFilter.parseAll(
            body, ConversationFilterLevels.CONVERSATION, ConversationFilterLevels.ALL);
    var segmentFilters =
        DetailFilter.parseAll(body, ConversationFilterLevels.SEGMENT, ConversationFilterLevels.ALL);
    for (String field : UNSUPPORTED_FILTERS) {
      JsonNode filters = QueryFields.array(body, field, field);
      if (filters != null && !filters.isEmpty()) {
        throw ApiError.badRequest(
            field
                + " are not supported by the emulator: its synthetic conversations have no "
                + field.replace("Filters", "s")
                + ". Send an empty array or leave it out.");
      }
    }
    return new ConversationQuery(
        interval,
        "desc".equals(order),
        orderBy == null ? "conversationStart" : orderBy,
        limit,
        Boolean.TRUE.equals(startOfDay),
        conversationFilters,
        segmentFilters);
  }

  /** Reads the required {@code interval} of a detail query body. */
  static QueryInterval requiredInterval(JsonNode body) {
    String text = QueryFields.string(body, "interval", "interval");
    if (text == null) {
      throw ApiError.badRequest("interval is required: give " + QueryInterval.EXPECTED_FORM + ".");
    }
    return QueryInterval.parse(text, "interval");
  }

  boolean hasFilters() {
    return !conversationFilters.isEmpty() || !segmentFilters.isEmpty();
  }

  /**
   * Whether the conversation (as seen at the query's "now") passes every filter. A segment filter
   * passes when one single segment satisfies all of it.
   */
  boolean matches(SyntheticConversation conversation) {
    for (DetailFilter<SyntheticConversation> f : conversationFilters) {
      if (!f.test(conversation)) {
        return false;
      }
    }
    for (DetailFilter<SegmentContext> f : segmentFilters) {
      if (!anySegment(conversation, f)) {
        return false;
      }
    }
    return true;
  }

  private static boolean anySegment(SyntheticConversation c, DetailFilter<SegmentContext> f) {
    for (Participant p : c.participants()) {
      for (Session s : p.sessions()) {
        for (Segment g : s.segments()) {
          if (f.test(new SegmentContext(p, s, g))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The value this query orders by; {@link SyntheticConversation#OPEN} sorts last. */
  long orderKey(SyntheticConversation view) {
    return switch (orderBy) {
      case "conversationEnd" -> view.end();
      case "segmentStart" -> view.firstSegmentStart();
      case "segmentEnd" -> view.lastSegmentEnd();
      default -> view.start();
    };
  }
}
