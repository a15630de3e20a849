package dev.gcjobs.emulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gcjobs.emulator.SyntheticConversation.Metric;
import dev.gcjobs.emulator.SyntheticConversation.Participant;
import dev.gcjobs.emulator.SyntheticConversation.Segment;
import dev.gcjobs.emulator.SyntheticConversation.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a conversation as the JSON of an {@code AnalyticsConversation}, field by field in a fixed
 * order (never map iteration order), so the same conversation always gives the same bytes.
 */
final class ConversationJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ConversationJson() {}

  static byte[] write(SyntheticConversation c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      date(g, "conversationEnd", c.end());
      g.writeStringField("conversationId", c.conversationId());
      date(g, "conversationStart", c.start());
      if (c.customerParticipation() != null) {
        g.writeBooleanField("customerParticipation", c.customerParticipation());
      }
      strings(g, "divisionIds", c.divisionIds());
      if (c.mediaStatsMinConversationMos() != null) {
        g.writeNumberField("mediaStatsMinConversationMos", c.mediaStatsMinConversationMos());
      }
      g.writeStringField("originatingDirection", c.originatingDirection());
      g.writeArrayFieldStart("participants");
      for (Participant p : c.participants()) {
        participant(g, p);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with an in-memory stream
    }
    return out.toByteArray();
  }

  private static void participant(JsonGenerator g, Participant p) throws IOException {
    g.writeStartObject();
    if (p.attributes() != null) {
      g.writeObjectFieldStart("attributes");
      for (Map.Entry<String, String> a : p.attributes().entrySet()) { // a SortedMap: stable order
        g.writeStringField(a.getKey(), a.getValue());
      }
      g.writeEndObject();
    }
    g.writeStringField("participantId", p.participantId());
    string(g, "participantName", p.participantName());
    g.writeStringField("purpose", p.purpose());
    string(g, "userId", p.userId());
    g.writeArrayFieldStart("sessions");
    for (Session s : p.sessions()) {
      session(g, s);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void session(JsonGenerator g, Session s) throws IOException {
    g.writeStartObject();
    string(g, "addressFrom", s.addressFrom());
    string(g, "addressTo", s.addressTo());
    string(g, "ani", s.ani());
    strings(g, "callbackNumbers", s.callbackNumbers());
    if (s.callbackScheduledTime() != null) {
      date(g, "callbackScheduledTime", s.callbackScheduledTime());
    }
    g.writeStringField("direction", s.direction());
    string(g, "dnis", s.dnis());
    g.writeStringField("mediaType", s.mediaType());
    string(g, "messageType", s.messageType());
    string(g, "provider", s.provider());
    if (s.recording() != null) {
      g.writeBooleanField("recording", s.recording());
    }
    string(g, "remote", s.remote());
    strings(g, "requestedRoutings", s.requestedRoutings());
    g.writeStringField("sessionId", s.sessionId());
    string(g, "usedRouting", s.usedRouting());
    if (!s.metrics().isEmpty()) {
      g.writeArrayFieldStart("metrics");
      for (Metric m : s.metrics()) {
        g.writeStartObject();
        date(g, "emitDate", m.emitDate());
        g.writeStringField("name", m.name());
        g.writeNumberField("value", m.value());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeArrayFieldStart("segments");
    for (Segment seg : s.segments()) {
      g.writeStartObject();
      string(g, "disconnectType", seg.disconnectType());
      string(g, "queueId", seg.queueId());
      date(g, "segmentEnd", seg.end());
      date(g, "segmentStart", seg.start());
      g.writeStringField("segmentType", seg.segmentType());
      string(g, "subject", seg.subject());
      string(g, "wrapUpCode", seg.wrapUpCode());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void date(JsonGenerator g, String name, long millis) throws IOException {
    if (millis != SyntheticConversation.OPEN) {
      g.writeStringField(name, IsoMillis.format(millis));
    }
  }

  private static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    if (values != null) {
      g.writeArrayFieldStart(name);
      for (String v : values) {
        g.writeString(v);
      }
      g.writeEndArray();
    }
  }
}
