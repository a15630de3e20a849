package dev.gcjobs.genesys;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic analytics job results pages: conversations with participants, sessions, segments,
 * metrics and attributes in the shapes of genesys-models.md (and non-ASCII text), so that parser
 * tests and the benchmark see what Genesys sends.
 */
final class SamplePages {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String[] MEDIA = {"voice", "chat", "email", "message", "callback"};
  private static final String[] PURPOSES = {"customer", "ivr", "acd", "agent"};
  private static final String[] SEGMENTS = {"interact", "hold", "alert", "wrapup", "ivr"};
  private static final String[] DISCONNECTS = {"client", "endpoint", "peer", "transfer", "system"};

  /** A page of {@code count} records and its records, each exactly as it appears in the page. */
  record Sample(byte[] page, List<byte[]> records) {}

  private SamplePages() {}

  /** A conversation details page of {@code count} conversations; no cursor when null. */
  static Sample conversations(int count, String cursor, long seed) {
    Random random = new Random(seed);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(conversation(random, Instant.parse("2024-05-01T00:00:00Z").plusSeconds(i * 37L)));
    }
    return new Sample(page("conversations", records, cursor), records);
  }

  /** A user details page of {@code count} records. */
  static Sample userDetails(int count, String cursor, long seed) {
    Random random = new Random(seed);
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(
          write(
              g -> {
                g.writeStartObject();
                g.writeStringField("userId", uuid(random));
                g.writeArrayFieldStart("primaryPresence");
                for (int p = 0; p < 3; p++) {
                  g.writeStartObject();
                  g.writeStringField("startTime", "2024-05-01T0" + p + ":00:00.000Z");
                  g.writeStringField("endTime", "2024-05-01T0" + p + ":30:00.000Z");
                  g.writeStringField("systemPresence", p == 1 ? "BREAK" : "AVAILABLE");
                  g.writeStringField("organizationPresenceId", uuid(random));
                  g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
              }));
    }
    return new Sample(page("userDetails", records, cursor), records);
  }

  private static byte[] page(String field, List<byte[]> records, String cursor) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("{\"" + field + "\":[").getBytes());
    for (int i = 0; i < records.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(records.get(i));
    }
    out.writeBytes("]".getBytes());
    if (cursor != null) {
      out.writeBytes((",\"cursor\":\"" + cursor + "\"").getBytes());
    }
    out.writeBytes(",\"dataAvailabilityDate\":\"2024-05-02T06:00:00.000Z\"}".getBytes());
    return out.toByteArray();
  }

  private static byte[] conversation(Random r, Instant start) {
    Instant end = start.plusSeconds(60 + r.nextInt(1800));
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("conversationId", uuid(r));
          g.writeStringField("conversationStart", start + "");
          g.writeStringField("conversationEnd", end + "");
          g.writeStringField("originatingDirection", r.nextBoolean() ? "inbound" : "outbound");
          g.writeArrayFieldStart("divisionIds");
          g.writeString(uuid(r));
          g.writeEndArray();
          g.writeNumberField("mediaStatsMinConversationMos", 4.0 + r.nextDouble() * 0.9);
          g.writeNumberField("mediaStatsMinConversationRFactor", 80 + r.nextDouble() * 12);
          g.writeBooleanField("customerParticipation", true);
          g.writeArrayFieldStart("participants");
          for (String purpose : PURPOSES) {
            participant(g, r, purpose, start, end);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static void participant(
      JsonGenerator g, Random r, String purpose, Instant start, Instant end) throws IOException {
    g.writeStartObject();
    g.writeStringField("participantId", uuid(r));
    g.writeStringField(
        "participantName", purpose.equals("customer") ? "Zoë Müller-Łukasz" : purpose);
    g.writeStringField("purpose", purpose);
    if (purpose.equals("agent")) {
      g.writeStringField("userId", uuid(r));
    }
    if (purpose.equals("customer")) {
      g.writeObjectFieldStart("attributes");
      g.writeStringField("accountNumber", Integer.toString(r.nextInt(1_000_000)));
      g.writeStringField("note", "Rückruf gewünscht – \"dringend\" \\ 電話 ✓");
      g.writeStringField("language", "de-DE");
      g.writeEndObject();
    }
    g.writeArrayFieldStart("sessions");
    g.writeStartObject();
    g.writeStringField("sessionId", uuid(r));
    g.writeStringField("mediaType", MEDIA[r.nextInt(MEDIA.length)]);
    g.writeStringField("direction", "inbound");
    g.writeStringField("ani", "tel:+4930" + (1000000 + r.nextInt(8999999)));
    g.writeStringField("dnis", "tel:+18005550100");
    g.writeStringField("edgeId", uuid(r));
    g.writeStringField("protocolCallId", uuid(r));
    g.writeStringField("provider", "Edge");
    g.writeBooleanField("recording", r.nextBoolean());
    g.writeArrayFieldStart("segments");
    Instant t = start;
    for (int s = 0; s < 3; s++) {
      Instant next = t.plusSeconds(10 + r.nextInt(200));
      g.writeStartObject();
      g.writeStringField("segmentStart", t + "");
      g.writeStringField("segmentEnd", (next.isAfter(end) ? end : next) + "");
      g.writeStringField("segmentType", SEGMENTS[r.nextInt(SEGMENTS.length)]);
      g.writeStringField("queueId", uuid(r));
      if (s == 2) {
        g.writeStringField("disconnectType", DISCONNECTS[r.nextInt(DISCONNECTS.length)]);
        g.writeStringField("wrapUpCode", uuid(r));
      }
      g.writeBooleanField("conference", false);
      g.writeEndObject();
      t = next;
    }
    g.writeEndArray();
    g.writeArrayFieldStart("metrics");
    for (String name : new String[] {"tAlert", "tTalk", "tHeld", "tHandle", "nConnected"}) {
      g.writeStartObject();
      g.writeStringField("name", name);
      g.writeNumberField("value", r.nextInt(500_000));
      g.writeStringField("emitDate", end + "");
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  private static String uuid(Random r) {
    return new UUID(r.nextLong(), r.nextLong()).toString();
  }

  private interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      w.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
