package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code AsyncUserDetailsQuery} body: interval, order, limit and the user, presence and
 * routing-status filters (dimension names from the official SDK's predicates).
 */
record UserDetailsQuery(
    QueryInterval interval,
    boolean descending,
    Integer limit,
    List<DetailFilter<String>> userFilters,
    List<DetailFilter<UserActivity.Presence>> presenceFilters,
    List<DetailFilter<UserActivity.RoutingStatus>> routingStatusFilters) {

  static final FilterLevel<String> USER =
      new FilterLevel<>(
          "userFilters",
          "user",
          Set.of("userId"),
          Map.of("userId", List::of),
          Set.of(),
          Set.of(),
          (u, m) -> null);

  static final FilterLevel<UserActivity.Presence> PRESENCE =
      new FilterLevel<>(
          "presenceFilters",
          "presence",
          Set.of("systemPresence", "organizationPresenceId"),
          Map.of(
              "systemPresence", p -> List.of(p.systemPresence()),
              "organizationPresenceId", p -> List.of(p.organizationPresenceId())),
          Set.of(),
          Set.of(),
          (p, m) -> null);

  static final FilterLevel<UserActivity.RoutingStatus> ROUTING_STATUS =
      new FilterLevel<>(
          "routingStatusFilters",
          "routingStatus",
          Set.of("routingStatus"),
          Map.of("routingStatus", r -> List.of(r.routingStatus())),
          Set.of(),
          Set.of(),
          (r, m) -> null);

  private static final List<FilterLevel<?>> LEVELS = List.of(USER, PRESENCE, ROUTING_STATUS);

  static UserDetailsQuery parse(JsonNode body) {
    QueryFields.requireObject(body, "");
    QueryInterval interval = ConversationQuery.requiredInterval(body);
    String order = QueryFields.oneOf(body, "order", "order", ConversationQuery.ORDERS);
    Integer limit = QueryFields.positiveInt(body, "limit", "limit");
    return new UserDetailsQuery(
        interval,
        "desc".equals(order),
        limit,
        DetailFilter.parseAll(body, USER, LEVELS),
        DetailFilter.parseAll(body, PRESENCE, LEVELS),
        DetailFilter.parseAll(body, ROUTING_STATUS, LEVELS));
  }
}
