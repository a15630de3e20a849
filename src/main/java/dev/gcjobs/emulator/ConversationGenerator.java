package dev.gcjobs.emulator;

import dev.gcjobs.emulator.SyntheticConversation.Metric;
import dev.gcjobs.emulator.SyntheticConversation.Participant;
import dev.gcjobs.emulator.SyntheticConversation.Segment;
import dev.gcjobs.emulator.SyntheticConversation.Session;
import dev.gcjobs.emulator.SyntheticOrg.Agent;
import dev.gcjobs.emulator.SyntheticOrg.Queue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates the conversations that start on one UTC day, from a hash of the seed and the day alone,
 * so days can be generated lazily, independently and in any order with the same result.
 *
 * <p>Mix: inbound voice through an IVR and a queue (some abandoned, some held, some transferred),
 * outbound voice, chat, messaging, email (hours to days in queue) and callbacks (hours to days). No
 * conversation lasts longer than {@link #MAX_DURATION_MILLIS}.
 */
final class ConversationGenerator {
  static final long MILLIS_PER_DAY = 86_400_000L;

  /** Bounds how far back a query must look for conversations still alive in its interval. */
  static final long MAX_DURATION_MILLIS = 3 * MILLIS_PER_DAY;

  private static final long SECOND = 1000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  /** Relative contact volume per UTC hour: quiet nights, busy business hours. */
  private static final int[] HOURLY_WEIGHTS = {
    2, 1, 1, 1, 1, 2, 4, 8, 13, 16, 16, 15, 14, 15, 16, 15, 13, 10, 7, 5, 4, 3, 3, 2
  };

  private static final int HOURLY_WEIGHT_TOTAL = Arrays.stream(HOURLY_WEIGHTS).sum();
  private static final String ORG_NUMBER = "tel:+18005550000";
  private static final String SUPPORT_ADDRESS = "support@example.com";
  private static final String[] LANGUAGES = {"en-US", "es-US", "fr-CA", "de-DE"};
  private static final String[] INTENTS = {
    "billing", "order-status", "technical", "cancel", "sales"
  };
  private static final String[] SUBJECTS = {
    "Question about my invoice",
    "Order not delivered",
    "Cannot log in",
    "Cancel my subscription",
    "Request for a quote",
    "Re: your case"
  };
  private static final String[] CUSTOMER_NAMES = {
    "Alex Morgan", "Sam Lee", "Jordan Blake", "Robin Kaur", "Chris Novak", "Taylor Reyes"
  };

  private final long seed;
  private final int conversationsPerDay;
  private final SyntheticOrg org;

  ConversationGenerator(long seed, int conversationsPerDay, SyntheticOrg org) {
    this.seed = seed;
    this.conversationsPerDay = conversationsPerDay;
    this.org = org;
  }

  /** The conversations that start on {@code epochDay} (UTC), ordered by start then id. */
  List<SyntheticConversation> day(long epochDay) {
    SplittableRandom random = SeededHash.random(seed, 0xDA7L, epochDay);
    long dayStart = epochDay * MILLIS_PER_DAY;
    long[] starts = new long[conversationsPerDay];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = dayStart + timeOfDay(random);
    }
    Arrays.sort(starts);
    List<SyntheticConversation> day = new ArrayList<>(starts.length);
    for (int i = 0; i < starts.length; i++) {
      String id = SeededHash.uuid(seed, 0xC0L, epochDay, i);
      day.add(new Plan(random, id, starts[i]).build());
    }
    day.sort(
        (a, b) ->
            a.start() != b.start()
                ? Long.compare(a.start(), b.start())
                : a.conversationId().compareTo(b.conversationId()));
    return day;
  }

  private static long timeOfDay(SplittableRandom random) {
    int pick = random.nextInt(HOURLY_WEIGHT_TOTAL);
    int hour = 0;
    while (pick >= HOURLY_WEIGHTS[hour]) {
      pick -= HOURLY_WEIGHTS[hour];
      hour++;
    }
    return hour * HOUR + random.nextLong(HOUR);
  }

  /** Media-specific timings of one routed leg (queue, then an agent). */
  private record Timing(
      long meanWait, long meanTalk, long maxTalk, long maxAlert, long maxAcw, int abandonPercent) {}

  private static final Timing VOICE =
      new Timing(MINUTE, 5 * MINUTE, HOUR, 20 * SECOND, 3 * MINUTE, 8);
  private static final Timing CHAT =
      new Timing(90 * SECOND, 12 * MINUTE, 2 * HOUR, 30 * SECOND, 2 * MINUTE, 5);
  private static final Timing MESSAGE =
      new Timing(5 * MINUTE, 40 * MINUTE, 8 * HOUR, 30 * SECOND, 2 * MINUTE, 3);
  private static final Timing EMAIL =
      new Timing(3 * HOUR, 10 * MINUTE, 40 * MINUTE, MINUTE, 5 * MINUTE, 0);
  private static final Timing CALLBACK =
      new Timing(2 * HOUR, 5 * MINUTE, HOUR, 20 * SECOND, 3 * MINUTE, 2);

  /** Builds one conversation; draws from the day's random stream in a fixed order. */
  private final class Plan {
    private final SplittableRandom random;
    private final String id;
    private final long start;
    private final List<Participant> participants = new ArrayList<>();
    private final TreeSet<String> divisionIds = new TreeSet<>();
    private final String customerName;
    private final String customerNumber;

    Plan(SplittableRandom random, String id, long start) {
      this.random = random;
      this.id = id;
      this.start = start;
      this.customerName = CUSTOMER_NAMES[random.nextInt(CUSTOMER_NAMES.length)];
      this.customerNumber = "tel:+1555" + (1_000_000 + random.nextInt(9_000_000));
    }

    SyntheticConversation build() {
      int kind = random.nextInt(100);
      if (kind < 60) {
        return inbound("voice", VOICE);
      } else if (kind < 72) {
        return outboundVoice();
      } else if (kind < 80) {
        return inbound("chat", CHAT);
      } else if (kind < 87) {
        return inbound("message", MESSAGE);
      } else if (kind < 94) {
        return inbound("email", EMAIL);
      }
      return inbound("callback", CALLBACK);
    }

    private SyntheticConversation inbound(String media, Timing timing) {
      boolean voice = media.equals("voice");
      Queue queue = pickQueue();
      long t = start;
      if (voice) {
        long ivrEnd = t + between(15 * SECOND, 3 * MINUTE);
        SessionDraft ivr = session(media, "inbound").phone(customerNumber, queue.dnis());
        ivr.segment(t, ivrEnd, "ivr", null, null, "transfer");
        ivr.metric("tIvr", ivrEnd - t, ivrEnd);
        participant("Main IVR", "ivr", null, maybeAttributes(), ivr);
        t = ivrEnd;
      }
      Leg last = leg(media, timing, queue, t, false);
      if (last.transferred) {
        last = leg(media, timing, otherQueue(queue), last.talkEnd, true);
      }
      long customerEnd = last.talkEnd;
      SessionDraft customer = session(media, "inbound");
      customerSessionDetails(customer, media, queue);
      String disconnect = last.customerHungUp ? "endpoint" : "peer";
      customer.segment(
          start,
          customerEnd,
          media.equals("callback") ? "callback" : "interact",
          null,
          null,
          disconnect);
      // Built last (it spans every leg) but listed first, as in Genesys exports.
      participants.add(
          0, newParticipant(customerLabel(media), "customer", null, maybeAttributes(), customer));
      Double mos = voice && !last.abandoned ? mos() : null;
      return finish("inbound", true, mos);
    }

    private void customerSessionDetails(SessionDraft customer, String media, Queue queue) {
      switch (media) {
        case "voice" -> customer.phone(customerNumber, queue.dnis()).provider("Edge");
        case "chat" -> customer.provider("PureCloud Webchat v2");
        case "message" -> {
          customer.provider("PureCloud Messaging");
          customer.messageType = "webmessaging";
          customer.addressFrom = customerName;
        }
        case "email" -> {
          customer.provider("PureCloud Email");
          customer.addressFrom = emailOf(customerName);
          customer.addressTo = SUPPORT_ADDRESS;
        }
        case "callback" -> {
          customer.phone(customerNumber, queue.dnis());
          customer.callbackNumbers = List.of(customerNumber);
          if (random.nextInt(100) < 30) {
            customer.callbackScheduledTime = start + between(HOUR, 20 * HOUR);
          }
        }
        default -> throw new IllegalStateException(media);
      }
    }

    private SyntheticConversation outboundVoice() {
      Queue queue = pickQueue();
      Agent agent = pickAgent();
      boolean answered = random.nextInt(100) < 75;
      long dialEnd = start + between(2 * SECOND, 10 * SECOND);
      long contactEnd = dialEnd + between(5 * SECOND, 30 * SECOND);
      SessionDraft agentSession = session("voice", "outbound").phone(ORG_NUMBER, customerNumber);
      agentSession.provider("Edge").remote(customerName);
      agentSession.recording = true;
      agentSession.segment(start, dialEnd, "dialing", queue.id(), null, null);
      agentSession.metric("nOutbound", 1, start);
      agentSession.metric("nOutboundAttempted", 1, start);
      agentSession.metric("tDialing", dialEnd - start, dialEnd);
      SessionDraft external = session("voice", "outbound").phone(ORG_NUMBER, customerNumber);
      external.provider("Edge");
      long talkEnd;
      if (answered) {
        agentSession.segment(dialEnd, contactEnd, "contacting", queue.id(), null, null);
        agentSession.metric("tContacting", contactEnd - dialEnd, contactEnd);
        agentSession.metric("nOutboundConnected", 1, contactEnd);
        talkEnd = contactEnd + talk(VOICE);
        boolean agentHungUp = random.nextBoolean();
        agentSession.segment(
            contactEnd, talkEnd, "interact", queue.id(), null, agentHungUp ? "client" : "peer");
        agentSession.metric("tTalk", talkEnd - contactEnd, talkEnd);
        agentSession.metric("tTalkComplete", talkEnd - contactEnd, talkEnd);
        external.segment(
            contactEnd, talkEnd, "interact", null, null, agentHungUp ? "peer" : "endpoint");
      } else {
        agentSession.segment(dialEnd, contactEnd, "contacting", queue.id(), null, "client");
        agentSession.metric("tContacting", contactEnd - dialEnd, contactEnd);
        external.segment(dialEnd, contactEnd, "alert", null, null, "timeout");
        talkEnd = contactEnd;
      }
      long acwEnd = talkEnd + between(5 * SECOND, VOICE.maxAcw);
      agentSession.segment(talkEnd, acwEnd, "wrapup", queue.id(), wrapUpCode(), null);
      agentSession.metric("tAcw", acwEnd - talkEnd, acwEnd);
      agentSession.metric("tHandle", acwEnd - start, acwEnd);
      participant(agent.name(), "agent", agent.userId(), null, agentSession);
      participant(customerName, "external", null, null, external);
      divisionIds.add(queue.divisionId());
      return finish("outbound", answered, answered ? mos() : null);
    }

    /** What one routed leg produced. */
    private record Leg(
        long talkEnd, boolean abandoned, boolean customerHungUp, boolean transferred) {}

    /** A queue (acd participant) then, unless abandoned, an agent with talk, hold and wrap-up. */
    private Leg leg(String media, Timing timing, Queue queue, long enter, boolean isTransfer) {
      divisionIds.add(queue.divisionId());
      long wait = waitTime(media, timing);
      boolean abandoned = !isTransfer && random.nextInt(100) < timing.abandonPercent;
      SessionDraft acd = session(media, "inbound");
      acd.metric("nOffered", 1, enter);
      if (abandoned) {
        long leftAt = enter + wait;
        acd.segment(enter, leftAt, "interact", queue.id(), null, "peer");
        acd.metric("tAbandon", wait, leftAt);
        participant(queue.name(), "acd", null, null, acd);
        return new Leg(leftAt, true, true, false);
      }
      long alertStart = enter + wait;
      long answer = alertStart + between(2 * SECOND, timing.maxAlert);
      acd.segment(enter, answer, "interact", queue.id(), null, "transfer");
      acd.metric("tAcd", answer - enter, answer);
      participant(queue.name(), "acd", null, null, acd);

      Agent agent = pickAgent();
      SessionDraft work = session(media, media.equals("callback") ? "outbound" : "inbound");
      if (media.equals("voice") || media.equals("callback")) {
        work.phone(customerNumber, queue.dnis()).provider("Edge");
        work.recording = random.nextInt(100) < 80;
      }
      work.remote(customerName);
      work.usedRouting = "Standard";
      work.requestedRoutings = List.of("Standard");
      String subject = media.equals("email") ? SUBJECTS[random.nextInt(SUBJECTS.length)] : null;
      work.segment(alertStart, answer, "alert", queue.id(), null, null, subject);
      work.metric("tAlert", answer - alertStart, answer);
      work.metric("tAnswered", answer - enter, answer);
      long talkStart = answer;
      if (media.equals("callback")) {
        talkStart = answer + between(3 * SECOND, 15 * SECOND);
        work.segment(answer, talkStart, "dialing", queue.id(), null, null);
        work.metric("tDialing", talkStart - answer, talkStart);
      }
      long talkEnd = talkStart + talk(timing);
      boolean transfers = !isTransfer && media.equals("voice") && random.nextInt(100) < 6;
      boolean customerHungUp = random.nextInt(100) < 70;
      String endedBy = transfers ? "transfer" : customerHungUp ? "peer" : "client";
      long held = 0;
      if (media.equals("voice") && random.nextInt(100) < 25 && talkEnd - talkStart > MINUTE) {
        long holdStart = talkStart + (talkEnd - talkStart) / 3;
        long holdEnd = Math.min(holdStart + between(20 * SECOND, 3 * MINUTE), talkEnd - SECOND);
        held = holdEnd - holdStart;
        work.segment(talkStart, holdStart, "interact", queue.id(), null, null);
        work.segment(holdStart, holdEnd, "hold", queue.id(), null, null);
        work.segment(holdEnd, talkEnd, "interact", queue.id(), null, endedBy);
        work.metric("tHeld", held, holdEnd);
        work.metric("tHeldComplete", held, holdEnd);
      } else {
        work.segment(talkStart, talkEnd, "interact", queue.id(), null, endedBy, subject);
      }
      if (transfers) {
        work.metric("nTransferred", 1, talkEnd);
        work.metric("nBlindTransferred", 1, talkEnd);
      }
      work.metric("tTalk", talkEnd - talkStart - held, talkEnd);
      work.metric("tTalkComplete", talkEnd - talkStart - held, talkEnd);
      long acwEnd = talkEnd + between(5 * SECOND, timing.maxAcw);
      work.segment(talkEnd, acwEnd, "wrapup", queue.id(), wrapUpCode(), null, subject);
      work.metric("tAcw", acwEnd - talkEnd, acwEnd);
      work.metric("tHandle", acwEnd - answer, acwEnd);
      participant(agent.name(), "agent", agent.userId(), null, work);
      return new Leg(talkEnd, false, customerHungUp && !transfers, transfers);
    }

    private long waitTime(String media, Timing timing) {
      if (media.equals("email") && random.nextInt(100) < 25) {
        return between(24 * HOUR, 60 * HOUR); // a backlog: answered the next day or later
      }
      if (media.equals("callback") && random.nextInt(100) < 15) {
        return between(20 * HOUR, 40 * HOUR);
      }
      return Math.min(exponential(timing.meanWait), 20 * HOUR);
    }

    private long talk(Timing timing) {
      return Math.max(20 * SECOND, Math.min(exponential(timing.meanTalk), timing.maxTalk));
    }

    private SyntheticConversation finish(String direction, boolean customer, Double mos) {
      participants.sort((a, b) -> Long.compare(firstStart(a), firstStart(b)));
      long end = Long.MIN_VALUE;
      for (Participant p : participants) {
        for (Session s : p.sessions()) {
          for (Segment g : s.segments()) {
            end = Math.max(end, g.end());
          }
        }
      }
      return new SyntheticConversation(
          id,
          start,
          end,
          direction,
          customer,
          List.copyOf(divisionIds),
          mos,
          List.copyOf(participants));
    }

    private void participant(
        String name,
        String purpose,
        String userId,
        SortedMap<String, String> attributes,
        SessionDraft session) {
      participants.add(newParticipant(name, purpose, userId, attributes, session));
    }

    private Participant newParticipant(
        String name,
        String purpose,
        String userId,
        SortedMap<String, String> attributes,
        SessionDraft session) {
      return new Participant(
          SeededHash.uuid(random), name, purpose, userId, attributes, List.of(session.build()));
    }

    private SessionDraft session(String media, String direction) {
      return new SessionDraft(SeededHash.uuid(random), media, direction);
    }

    private SortedMap<String, String> maybeAttributes() {
      if (random.nextInt(100) >= 40) {
        return null;
      }
      SortedMap<String, String> attributes = new TreeMap<>();
      attributes.put("accountId", "A" + (100_000 + random.nextInt(900_000)));
      attributes.put("intent", INTENTS[random.nextInt(INTENTS.length)]);
      attributes.put("language", LANGUAGES[random.nextInt(LANGUAGES.length)]);
      return attributes;
    }

    private String customerLabel(String media) {
      return media.equals("voice") || media.equals("callback")
          ? customerNumber.substring("tel:".length())
          : customerName;
    }

    private Queue pickQueue() {
      // Earlier queues are busier: the minimum of two draws skews low.
      int i =
          Math.min(
              random.nextInt(SyntheticOrg.QUEUE_COUNT), random.nextInt(SyntheticOrg.QUEUE_COUNT));
      return org.queues().get(i);
    }

    private Queue otherQueue(Queue not) {
      Queue q = pickQueue();
      return q.equals(not)
          ? org.queues().get((org.queues().indexOf(not) + 1) % SyntheticOrg.QUEUE_COUNT)
          : q;
    }

    private Agent pickAgent() {
      return org.agents().get(random.nextInt(org.agents().size()));
    }

    private String wrapUpCode() {
      if (random.nextInt(100) < 4) {
        return SyntheticOrg.WRAP_UP_TIMEOUT;
      }
      return org.wrapUpCodes().get(random.nextInt(org.wrapUpCodes().size()));
    }

    private Double mos() {
      return Math.round((3.2 + random.nextDouble() * 1.7) * 100) / 100.0;
    }

    private long between(long min, long max) {
      return min + random.nextLong(max - min + 1);
    }

    private long exponential(long mean) {
      return (long) (-Math.log(1 - random.nextDouble()) * mean) + SECOND;
    }
  }

  private static String emailOf(String name) {
    return name.toLowerCase().replace(' ', '.') + "@mail.example.org";
  }

  private static long firstStart(Participant p) {
    return p.sessions().get(0).segments().get(0).start();
  }

  /** A session under construction; fields left null are absent from the JSON. */
  private static final class SessionDraft {
    private final String sessionId;
    private final String mediaType;
    private final String direction;
    private String ani;
    private String dnis;
    private String addressFrom;
    private String addressTo;
    private String messageType;
    private String provider;
    private String remote;
    private Boolean recording;
    private String usedRouting;
    private List<String> requestedRoutings;
    private List<String> callbackNumbers;
    private Long callbackScheduledTime;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Metric> metrics = new ArrayList<>();

    SessionDraft(String sessionId, String mediaType, String direction) {
      this.sessionId = sessionId;
      this.mediaType = mediaType;
      this.direction = direction;
    }

    SessionDraft phone(String ani, String dnis) {
      this.ani = ani;
      this.dnis = dnis;
      return this;
    }

    SessionDraft provider(String provider) {
      this.provider = provider;
      return this;
    }

    SessionDraft remote(String remote) {
      this.remote = remote;
      return this;
    }

    void segment(
        long start, long end, String type, String queueId, String wrapUp, String disconnect) {
      segment(start, end, type, queueId, wrapUp, disconnect, null);
    }

    void segment(
        long start,
        long end,
        String type,
        String queueId,
        String wrapUp,
        String disconnect,
        String subject) {
      segments.add(new Segment(start, end, type, queueId, wrapUp, disconnect, subject));
    }

    void metric(String name, long value, long emitDate) {
      metrics.add(new Metric(name, value, emitDate));
    }

    Session build() {
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
          List.copyOf(segments),
          List.copyOf(metrics));
    }
  }
}
