package dev.gcjobs.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * One synthetic conversation as planned for its whole life. Times are epoch milliseconds; {@link
 * #OPEN} marks an end that has not happened yet. {@link #asOf(long)} gives the view a query sees at
 * a given "now": conversations still running lose their end, their future segments and metrics.
 * Optional fields are null when absent and are then left out of the JSON.
 */
record SyntheticConversation(
    String conversationId,
    long start,
    long end,
    String originatingDirection,
    Boolean customerParticipation,
    List<String> divisionIds,
    Double mediaStatsMinConversationMos,
    List<Participant> participants) {

  /** The end of something still in progress. */
  static final long OPEN = Long.MAX_VALUE;

  boolean inProgressAt(long now) {
    return end > now;
  }

  /** The conversation as the data lake holds it at {@code now}; this one when it has ended. */
  SyntheticConversation asOf(long now) {
    if (!inProgressAt(now)) {
      return this;
    }
    List<Participant> visible = new ArrayList<>();
    for (Participant p : participants) {
      Participant v = p.asOf(now);
      if (v != null) {
        visible.add(v);
      }
    }
    return new SyntheticConversation(
        conversationId,
        start,
        OPEN,
        originatingDirection,
        customerParticipation,
        divisionIds,
        mediaStatsMinConversationMos,
        List.copyOf(visible));
  }

  /** The earliest segment start (Genesys' {@code orderBy: segmentStart}). */
  long firstSegmentStart() {
    long first = OPEN;
    for (Participant p : participants) {
      for (Session s : p.sessions()) {
        for (Segment g : s.segments()) {
          first = Math.min(first, g.start());
        }
      }
    }
    return first;
  }

  /** The latest segment end, or {@link #OPEN} while any segment is open. */
  long lastSegmentEnd() {
    long last = Long.MIN_VALUE;
    for (Participant p : participants) {
      for (Session s : p.sessions()) {
        for (Segment g : s.segments()) {
          last = Math.max(last, g.end());
        }
      }
    }
    return last;
  }

  record Participant(
      String participantId,
      String participantName,
      String purpose,
      String userId,
      SortedMap<String, String> attributes,
      List<Session> sessions) {

    Participant asOf(long now) {
      List<Session> visible = new ArrayList<>();
      for (Session s : sessions) {
        Session v = s.asOf(now);
        if (v != null) {
          visible.add(v);
        }
      }
      if (visible.isEmpty()) {
        return null; // joins the conversation later
      }
      return new Participant(
          participantId, participantName, purpose, userId, attributes, List.copyOf(visible));
    }
  }

  record Session(
      String sessionId,
      String mediaType,
      String direction,
      String ani,
      String dnis,
      String addressFrom,
      String addressTo,
      String messageType,
      String provider,
      String remote,
      Boolean recording,
      String usedRouting,
      List<String> requestedRoutings,
      List<String> callbackNumbers,
      Long callbackScheduledTime,
      List<Segment> segments,
      List<Metric> metrics) {

    Session asOf(long now) {
      List<Segment> visible = new ArrayList<>();
      for (Segment g : segments) {
        if (g.start() < now) {
          visible.add(g.end() > now ? g.open() : g);
        }
      }
      if (visible.isEmpty()) {
        return null;
      }
      List<Metric> emitted = new ArrayList<>();
      for (Metric m : metrics) {
        if (m.emitDate() <= now) {
          emitted.add(m);
        }
      }
      return new Session(
          sessionId,
          mediaType,
          direction,
          ani,
          dnis,
          addressFrom,
          addressTo,
          messageType,
          provider,
          remote,
          recording,
          usedRouting,
          requestedRoutings,
          callbackNumbers,
          callbackScheduledTime,
          List.copyOf(visible),
          List.copyOf(emitted));
    }
  }

  record Segment(
      long start,
      long end,
      String segmentType,
      String queueId,
      String wrapUpCode,
      String disconnectType,
      String subject) {

    /** This segment while it is still running: no end, no outcome yet. */
    Segment open() {
      return new Segment(start, OPEN, segmentType, queueId, null, null, subject);
    }
  }

  record Metric(String name, long value, long emitDate) {}
}
