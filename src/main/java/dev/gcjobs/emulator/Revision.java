package dev.gcjobs.emulator;

import dev.gcjobs.emulator.SyntheticConversation.Metric;
import dev.gcjobs.emulator.SyntheticConversation.Participant;
import dev.gcjobs.emulator.SyntheticConversation.Segment;
import dev.gcjobs.emulator.SyntheticConversation.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The corrected record Genesys' reprocessing writes for a finished conversation: one change, chosen
 * by a hash, of the kinds the batch makes: a metric's value, a segment's disconnect type, or a
 * participant attribute. Every value written is one the official SDK knows.
 */
final class Revision {
  /** The attribute a revision sets on the first participant. */
  static final String ATTRIBUTE = "intent";

  private static final String[] INTENTS = {"billing", "order-status", "technical", "sales"};

  private Revision() {}

  static SyntheticConversation of(SyntheticConversation c, long hash) {
    return switch ((int) Math.floorMod(hash, 3L)) {
      case 0 -> metric(c, hash);
      case 1 -> segment(c);
      default -> attribute(c, hash);
    };
  }

  /** The last duration metric (a {@code t...}) corrected by up to a second. */
  private static SyntheticConversation metric(SyntheticConversation c, long hash) {
    for (int pi = c.participants().size() - 1; pi >= 0; pi--) {
      Participant p = c.participants().get(pi);
      for (int si = p.sessions().size() - 1; si >= 0; si--) {
        Session s = p.sessions().get(si);
        for (int mi = s.metrics().size() - 1; mi >= 0; mi--) {
          Metric m = s.metrics().get(mi);
          if (m.name().startsWith("t")) {
            List<Metric> metrics = new ArrayList<>(s.metrics());
            metrics.set(
                mi, new Metric(m.name(), m.value() + 1 + Math.floorMod(hash, 999L), m.emitDate()));
            return withSession(c, pi, si, withMetrics(s, metrics));
          }
        }
      }
    }
    return attribute(c, hash);
  }

  /** The last segment with a disconnect type gets the other side's. */
  private static SyntheticConversation segment(SyntheticConversation c) {
    for (int pi = c.participants().size() - 1; pi >= 0; pi--) {
      Participant p = c.participants().get(pi);
      for (int si = p.sessions().size() - 1; si >= 0; si--) {
        Session s = p.sessions().get(si);
        for (int gi = s.segments().size() - 1; gi >= 0; gi--) {
          Segment g = s.segments().get(gi);
          if (g.disconnectType() != null) {
            String fixed = g.disconnectType().equals("peer") ? "endpoint" : "peer";
            List<Segment> segments = new ArrayList<>(s.segments());
            segments.set(
                gi,
                new Segment(
                    g.start(),
                    g.end(),
                    g.segmentType(),
                    g.queueId(),
                    g.wrapUpCode(),
                    fixed,
                    g.subject()));
            return withSession(c, pi, si, withSegments(s, segments));
          }
        }
      }
    }
    return attribute(c, 0);
  }

  /** The first participant's {@value #ATTRIBUTE} attribute, set or changed. */
  private static SyntheticConversation attribute(SyntheticConversation c, long hash) {
    Participant p = c.participants().get(0);
    SortedMap<String, String> attributes =
        p.attributes() == null ? new TreeMap<>() : new TreeMap<>(p.attributes());
    String old = attributes.get(ATTRIBUTE);
    String value = INTENTS[(int) Math.floorMod(hash, (long) INTENTS.length)];
    attributes.put(ATTRIBUTE, value.equals(old) ? "other" : value);
    return withParticipant(
        c,
        0,
        new Participant(
            p.participantId(),
            p.participantName(),
            p.purpose(),
            p.userId(),
            attributes,
            p.sessions()));
  }

  private static SyntheticConversation withSession(
      SyntheticConversation c, int pi, int si, Session session) {
    Participant p = c.participants().get(pi);
    List<Session> sessions = new ArrayList<>(p.sessions());
    sessions.set(si, session);
    return withParticipant(
        c,
        pi,
        new Participant(
            p.participantId(),
            p.participantName(),
            p.purpose(),
            p.userId(),
            p.attributes(),
            List.copyOf(sessions)));
  }

  private static SyntheticConversation withParticipant(
      SyntheticConversation c, int pi, Participant participant) {
    List<Participant> participants = new ArrayList<>(c.participants());
    participants.set(pi, participant);
    return new SyntheticConversation(
        c.conversationId(),
        c.start(),
        c.end(),
        c.originatingDirection(),
        c.customerParticipation(),
        c.divisionIds(),
        c.mediaStatsMinConversationMos(),
        List.copyOf(participants));
  }

  private static Session withMetrics(Session s, List<Metric> metrics) {
    return copy(s, s.segments(), List.copyOf(metrics));
  }

  private static Session withSegments(Session s, List<Segment> segments) {
    return copy(s, List.copyOf(segments), s.metrics());
  }

  private static Session copy(Session s, List<Segment> segments, List<Metric> metrics) {
    return new Session(
        s.sessionId(),
        s.mediaType(),
        s.direction(),
        s.ani(),
        s.dnis(),
        s.addressFrom(),
        s.addressTo(),
        s.messageType(),
        s.provider(),
        s.remote(),
        s.recording(),
        s.usedRouting(),
        s.requestedRoutings(),
        s.callbackNumbers(),
        s.callbackScheduledTime(),
        segments,
        metrics);
  }
}
