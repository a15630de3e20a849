package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A small stand-in for the synthetic org: {@code count} conversations and users, one every {@code
 * spacing} from {@code first}, each lasting {@code length}; a query returns those overlapping its
 * interval, in start order. Validates only the interval, the way the real data does.
 */
final class FakeAnalyticsData implements AnalyticsData {
  private final List<EmulatedRecord> conversations = new ArrayList<>();
  private final List<EmulatedRecord> users = new ArrayList<>();
  private final Instant availability;

  FakeAnalyticsData(Instant first, int count, Duration spacing, Duration length) {
    for (int i = 0; i < count; i++) {
      Instant start = first.plus(spacing.multipliedBy(i));
      Instant end = start.plus(length);
      String id = UUID.nameUUIDFromBytes(("conversation-" + i).getBytes()).toString();
      conversations.add(
          new EmulatedRecord(
              id,
              start,
              end,
              conversationJson(id, i, start, end).getBytes(StandardCharsets.UTF_8)));
      String userId = UUID.nameUUIDFromBytes(("user-" + i).getBytes()).toString();
      users.add(
          new EmulatedRecord(
              userId, start, end, userJson(userId, start, end).getBytes(StandardCharsets.UTF_8)));
    }
    availability = first.plus(spacing.multipliedBy(count));
  }

  @Override
  public List<EmulatedRecord> conversations(JsonNode query) {
    return overlapping(conversations, query);
  }

  @Override
  public List<EmulatedRecord> conversationsSync(JsonNode query) {
    return overlapping(conversations, query);
  }

  @Override
  public List<EmulatedRecord> userDetails(JsonNode query) {
    return overlapping(users, query);
  }

  @Override
  public Instant dataAvailabilityDate() {
    return availability;
  }

  private static List<EmulatedRecord> overlapping(List<EmulatedRecord> records, JsonNode query) {
    JsonNode interval = query.path("interval");
    if (!interval.isTextual()) {
      throw ApiError.badRequest(
          "interval is required: a text such as 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z");
    }
    String[] parts = interval.textValue().split("/");
    Instant from;
    Instant to;
    try {
      from = Instant.parse(parts[0]);
      to = Instant.parse(parts[1]);
    } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
      throw ApiError.badRequest(
          "interval '" + interval.textValue() + "' is not start/end in ISO-8601");
    }
    if (!from.isBefore(to)) {
      throw ApiError.badRequest("interval '" + interval.textValue() + "' ends before it starts");
    }
    return records.stream().filter(r -> r.start().isBefore(to) && r.end().isAfter(from)).toList();
  }

  private static String conversationJson(String id, int i, Instant start, Instant end) {
    String s = WireJson.date(start);
    String e = WireJson.date(end);
    return """
        {"conversationId":"%s","conversationStart":"%s","conversationEnd":"%s",\
        "originatingDirection":"inbound","divisionIds":["7c4ba4a5-9a8c-4d0e-9f53-1b36c8d0a001"],\
        "participants":[{"participantId":"p-%d-1","participantName":"Customer","purpose":"customer",\
        "sessions":[{"sessionId":"s-%d-1","mediaType":"voice","direction":"inbound",\
        "ani":"tel:+15550100%03d","dnis":"tel:+18005550100",\
        "segments":[{"segmentStart":"%s","segmentEnd":"%s","segmentType":"interact",\
        "queueId":"0f6b1b52-6f07-4b6c-9bd0-2c5a2f0c1a01"}],\
        "metrics":[{"name":"nConnected","value":1,"emitDate":"%s"}]}]},\
        {"participantId":"p-%d-2","participantName":"Agent","purpose":"agent",\
        "userId":"3a1f5c0e-8d1b-4a55-b7a0-5f1c2e9d0b02",\
        "sessions":[{"sessionId":"s-%d-2","mediaType":"voice","direction":"inbound",\
        "segments":[{"segmentStart":"%s","segmentEnd":"%s","segmentType":"wrapup",\
        "wrapUpCode":"9b8c7d6e-0000-4000-8000-000000000003"}]}]}]}"""
        .formatted(id, s, e, i, i, i % 1000, s, e, e, i, i, s, e);
  }

  private static String userJson(String id, Instant start, Instant end) {
    return """
        {"userId":"%s","primaryPresence":[{"startTime":"%s","endTime":"%s",\
        "systemPresence":"AVAILABLE","organizationPresenceId":"6a3af858-942f-489d-9700-5f9bcdcdae9b"}],\
        "routingStatus":[{"startTime":"%s","endTime":"%s","routingStatus":"IDLE"}]}"""
        .formatted(
            id, WireJson.date(start), WireJson.date(end), WireJson.date(start), WireJson.date(end));
  }
}
