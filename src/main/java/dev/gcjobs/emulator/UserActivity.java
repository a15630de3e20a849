package dev.gcjobs.emulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The agents' presence and routing-status timelines, generated per user and UTC day from the seed,
 * and the user-details records a query gets from them. Each agent works five days a week, a shift
 * of eight to ten hours at a start hour of their own: available, on queue (idle, interacting, now
 * and then not responding), breaks, a meal, sometimes a meeting or training, then offline until the
 * next shift. Routing status is off queue whenever the agent is not on queue.
 */
final class UserActivity {
  private static final long DAY = ConversationGenerator.MILLIS_PER_DAY;
  private static final long MINUTE = 60_000L;
  private static final JsonFactory JSON = new JsonFactory();

  /** Two consecutive days off a week, so a timeline never looks back more than this. */
  private static final int MAX_DAYS_BETWEEN_SHIFTS = 3;

  /** One primary-presence period; {@code end} is {@link SyntheticConversation#OPEN} if ongoing. */
  record Presence(long start, long end, String systemPresence, String organizationPresenceId) {}

  /** One routing-status period; {@code end} is {@link SyntheticConversation#OPEN} if ongoing. */
  record RoutingStatus(long start, long end, String routingStatus) {}

  private final long seed;
  private final SyntheticOrg org;

  UserActivity(long seed, SyntheticOrg org) {
    this.seed = seed;
    this.org = org;
  }

  /** One record per user with activity in the interval, ordered by first start then user id. */
  List<EmulatedRecord> select(UserDetailsQuery query, long now) {
    QueryInterval interval = query.interval();
    long until = Math.min(interval.end(), now);
    List<EmulatedRecord> records = new ArrayList<>();
    for (int u = 0; u < org.agents().size(); u++) {
      String userId = org.agents().get(u).userId();
      if (!query.userFilters().stream().allMatch(f -> f.test(userId))) {
        continue;
      }
      List<Presence> presences = new ArrayList<>();
      List<RoutingStatus> statuses = new ArrayList<>();
      long first = Math.floorDiv(interval.start(), DAY) - MAX_DAYS_BETWEEN_SHIFTS;
      for (long day = first; day * DAY < until; day++) {
        shift(u, day, presences, statuses);
      }
      presences.removeIf(p -> !visible(p.start(), p.end(), interval.start(), until));
      statuses.removeIf(r -> !visible(r.start(), r.end(), interval.start(), until));
      presences.replaceAll(
          p ->
              p.end() > now
                  ? new Presence(p.start(), OPEN, p.systemPresence(), p.organizationPresenceId())
                  : p);
      statuses.replaceAll(
          r -> r.end() > now ? new RoutingStatus(r.start(), OPEN, r.routingStatus()) : r);
      if (presences.isEmpty() && statuses.isEmpty()) {
        continue;
      }
      if (!query.presenceFilters().stream().allMatch(f -> presences.stream().anyMatch(f))
          || !query.routingStatusFilters().stream().allMatch(f -> statuses.stream().anyMatch(f))) {
        continue;
      }
      records.add(record(userId, presences, statuses));
    }
    Comparator<EmulatedRecord> order =
        Comparator.comparing(EmulatedRecord::start).thenComparing(EmulatedRecord::id);
    records.sort(query.descending() ? order.reversed() : order);
    return query.limit() == null || query.limit() >= records.size()
        ? List.copyOf(records)
        : List.copyOf(records.subList(0, query.limit()));
  }

  private static final long OPEN = SyntheticConversation.OPEN;

  private static boolean visible(long start, long end, long from, long until) {
    return start >= SyntheticAnalyticsData.DATA_START.toEpochMilli() && start < until && end > from;
  }

  /** Appends the timelines of the shift starting on {@code day}, if the user works that day. */
  private void shift(int user, long day, List<Presence> presences, List<RoutingStatus> statuses) {
    if (!works(user, day)) {
      return;
    }
    SplittableRandom random = SeededHash.random(seed, 0x5E55L, user, day);
    long t = shiftStart(user, day);
    t = presence(presences, statuses, "AVAILABLE", t, t + between(random, 3, 15), random);
    String[] plan = {"ON_QUEUE", "BREAK", "ON_QUEUE", "MEAL", "ON_QUEUE", "BREAK", "ON_QUEUE"};
    for (String p : plan) {
      long length =
          switch (p) {
            case "BREAK" -> between(random, 10, 20);
            case "MEAL" -> between(random, 30, 60);
            default -> between(random, 80, 130);
          };
      if (p.equals("ON_QUEUE") && random.nextInt(100) < 15) {
        String aside = random.nextBoolean() ? "MEETING" : "TRAINING";
        t = presence(presences, statuses, aside, t, t + between(random, 20, 60), random);
      }
      t = presence(presences, statuses, p, t, t + length, random);
    }
    t = presence(presences, statuses, "AWAY", t, t + between(random, 1, 10), random);
    presence(presences, statuses, "OFFLINE", t, nextShiftStart(user, day), random);
  }

  private long presence(
      List<Presence> presences,
      List<RoutingStatus> statuses,
      String systemPresence,
      long start,
      long end,
      SplittableRandom random) {
    presences.add(new Presence(start, end, systemPresence, org.presenceId(systemPresence)));
    if (!systemPresence.equals("ON_QUEUE")) {
      statuses.add(new RoutingStatus(start, end, "OFF_QUEUE"));
      return end;
    }
    long t = start;
    while (t < end) {
      int pick = random.nextInt(100);
      String status;
      long length;
      if (pick < 45) {
        status = "IDLE";
        length = between(random, 1, 10);
      } else if (pick < 92) {
        status = "INTERACTING";
        length = between(random, 2, 15);
      } else if (pick < 97) {
        status = "NOT_RESPONDING";
        length = 15_000 + random.nextLong(15_000);
      } else {
        status = "COMMUNICATING";
        length = between(random, 1, 5);
      }
      long next = Math.min(t + length, end);
      statuses.add(new RoutingStatus(t, next, status));
      t = next;
    }
    return end;
  }

  private boolean works(int user, long day) {
    int dayOfWeek = (int) Math.floorMod(day, 7);
    int firstDayOff = user % 7;
    return dayOfWeek != firstDayOff && dayOfWeek != (firstDayOff + 1) % 7;
  }

  private long shiftStart(int user, long day) {
    long baseHour = 6 + (user * 3L) % 9; // spread start hours over 06:00..14:00 UTC
    long jitter = Math.floorMod(SeededHash.of(seed, 0x5A17L, user, day), 30 * MINUTE);
    return day * DAY + baseHour * 60 * MINUTE + jitter;
  }

  private long nextShiftStart(int user, long day) {
    long next = day + 1;
    while (!works(user, next)) {
      next++;
    }
    return shiftStart(user, next);
  }

  private static long between(SplittableRandom random, int minMinutes, int maxMinutes) {
    return (minMinutes + random.nextInt(maxMinutes - minMinutes + 1)) * MINUTE
        + random.nextInt(60_000);
  }

  private static EmulatedRecord record(
      String userId, List<Presence> presences, List<RoutingStatus> statuses) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 120 * statuses.size());
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("userId", userId);
      g.writeArrayFieldStart("primaryPresence");
      for (Presence p : presences) {
        g.writeStartObject();
        g.writeStringField("startTime", IsoMillis.format(p.start()));
        if (p.end() != OPEN) {
          g.writeStringField("endTime", IsoMillis.format(p.end()));
        }
        g.writeStringField("systemPresence", p.systemPresence());
        g.writeStringField("organizationPresenceId", p.organizationPresenceId());
        g.writeEndObject();
        start = Math.min(start, p.start());
        end = Math.max(end, p.end());
      }
      g.writeEndArray();
      g.writeArrayFieldStart("routingStatus");
      for (RoutingStatus r : statuses) {
        g.writeStartObject();
        g.writeStringField("startTime", IsoMillis.format(r.start()));
        if (r.end() != OPEN) {
          g.writeStringField("endTime", IsoMillis.format(r.end()));
        }
        g.writeStringField("routingStatus", r.routingStatus());
        g.writeEndObject();
        start = Math.min(start, r.start());
        end = Math.max(end, r.end());
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen with an in-memory stream
    }
    return new EmulatedRecord(
        userId,
        Instant.ofEpochMilli(start),
        end == OPEN ? null : Instant.ofEpochMilli(end),
        out.toByteArray());
  }
}
