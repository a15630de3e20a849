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

  /** Every conversation an {@code AsyncConversationQuery} returns, in the order it asks for. */
  List<EmulatedRecord> conversations(JsonNode asyncConversationQuery);

  /**
   * Every conversation the synchronous details query matches, in order, before paging; enforces the
   * 7-day (no filters) / 31-day (with filters) interval rule.
   */
  List<EmulatedRecord> conversationsSync(JsonNode conversationQuery);

  /** Every user-details record an {@code AsyncUserDetailsQuery} returns, in order. */
  List<EmulatedRecord> userDetails(JsonNode asyncUserDetailsQuery);

  /** The instant up to which the data lake holds data. */
  Instant dataAvailabilityDate();
}
