package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The emulated org's analytics data and the query semantics of the Genesys detail endpoints. Every
 * method validates the query body first and throws {@link ApiError} (400, naming the field) when it
 * is malformed. Implementations are thread-safe and deterministic for a given seed and clock.
 */
public interface AnalyticsData {

  /**
   * Every conversation an {@code AsyncConversationQuery} returns while the data lake is complete up
   * to {@code asOf}, in the order it asks for.
   */
  List<EmulatedRecord> conversations(JsonNode asyncConversationQuery, Instant asOf);

  /** Every conversation a job with this query returns now (as of {@link #dataAvailabilityDate}). */
  default List<EmulatedRecord> conversations(JsonNode asyncConversationQuery) {
    return conversations(asyncConversationQuery, dataAvailabilityDate());
  }

  /**
   * The conversations the query would match as of {@code asOf} but that the lake has deleted by
   * then, ordered by id. None unless the data models deletions.
   */
  default List<DeletedRecord> deletedConversations(JsonNode asyncConversationQuery, Instant asOf) {
    return List.of();
  }

  /**
   * Every conversation the synchronous details query matches, in order, before paging; enforces the
   * 7-day (no filters) / 31-day (with filters) interval rule.
   */
  List<EmulatedRecord> conversationsSync(JsonNode conversationQuery);

  /** Every user-details record an {@code AsyncUserDetailsQuery} returns as of {@code asOf}. */
  List<EmulatedRecord> userDetails(JsonNode asyncUserDetailsQuery, Instant asOf);

  /** Every user-details record a job with this query returns now, in order. */
  default List<EmulatedRecord> userDetails(JsonNode asyncUserDetailsQuery) {
    return userDetails(asyncUserDetailsQuery, dataAvailabilityDate());
  }

  /** The instant up to which the data lake holds data. */
  Instant dataAvailabilityDate();
}
