package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gcjobs.emulator.MatchedRecords.Match;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The emulator's synthetic org: conversations and user activity generated from a seed, lazily per
 * UTC day, from {@link #DATA_START} up to the clock's "now", with the query semantics of the
 * Genesys detail endpoints (overlap, {@code startOfDayIntervalMatching}, order, filters, limit).
 *
 * <p>The same seed, clock and query always give byte-identical records. Thread-safe. Generated days
 * are kept in a bounded LRU cache; finished conversations' JSON is rendered once and then served as
 * the same bytes.
 */
public final class SyntheticAnalyticsData implements AnalyticsData {
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_CONVERSATIONS_PER_DAY = 2000;
  public static final int DEFAULT_USERS = 50;
  public static final Duration DEFAULT_DATA_LAG = Duration.ZERO;

  /** The first day of synthetic data; queries before it find nothing. */
  public static final Instant DATA_START = Instant.parse("2020-01-01T00:00:00Z");

  /** The synchronous query's interval limits (Genesys: 7 days, or 31 with filters). */
  public static final Duration SYNC_MAX_INTERVAL = Duration.ofDays(7);

  public static final Duration SYNC_MAX_INTERVAL_WITH_FILTERS = Duration.ofDays(31);

  /** About this many generated conversations stay cached (whole days, at least two). */
  static final int CACHED_CONVERSATIONS = 60_000;

  private static final long DAY = ConversationGenerator.MILLIS_PER_DAY;

  private final long seed;
  private final Clock clock;
  private final Duration dataLag;
  private final LakeChanges lake;
  private final ConversationGenerator generator;
  private final LruCache<Long, GeneratedDay> days;
  private final UserActivity users;

  /**
   * @param seed the same seed gives the same org and the same conversations
   * @param conversationsPerDay conversations starting on each UTC day (0 or more)
   * @param users agents in the org (1 or more); each gets user-details activity
   * @param clock "now": nothing exists after it, and conversations running at it are in progress
   * @param dataLag how far {@link #dataAvailabilityDate()} trails "now" (0 or more)
   * @param lake which conversations the lake revises or deletes after they ended, and when
   */
  public SyntheticAnalyticsData(
      long seed,
      int conversationsPerDay,
      int users,
      Clock clock,
      Duration dataLag,
      LakeChanges lake) {
    if (conversationsPerDay < 0) {
      throw new IllegalArgumentException(
          "conversationsPerDay must be 0 or more, was " + conversationsPerDay);
    }
    if (users < 1) {
      throw new IllegalArgumentException("users must be 1 or more, was " + users);
    }
    if (dataLag.isNegative()) {
      throw new IllegalArgumentException("dataLag must not be negative, was " + dataLag);
    }
    this.seed = seed;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.dataLag = dataLag;
    this.lake = Objects.requireNonNull(lake, "lake");
    SyntheticOrg org = new SyntheticOrg(seed, users);
    this.generator = new ConversationGenerator(seed, conversationsPerDay, org);
    this.days =
        new LruCache<>(Math.max(2, CACHED_CONVERSATIONS / Math.max(1, conversationsPerDay)));
    this.users = new UserActivity(seed, org);
  }

  /**
   * What a job returns while the lake is complete up to {@code asOf}: a conversation that started
   * after it is absent; one running at it is in progress (no end, its segments up to it); one the
   * lake revised by then is its revised record; one it deleted by then is absent.
   */
  @Override
  public List<EmulatedRecord> conversations(JsonNode asyncConversationQuery, Instant asOf) {
    return select(ConversationQuery.parse(asyncConversationQuery), asOf.toEpochMilli(), null);
  }

  @Override
  public List<DeletedRecord> deletedConversations(JsonNode asyncConversationQuery, Instant asOf) {
    List<DeletedRecord> deleted = new ArrayList<>();
    select(ConversationQuery.parse(asyncConversationQuery), asOf.toEpochMilli(), deleted);
    deleted.sort(Comparator.comparing(DeletedRecord::id));
    return deleted;
  }

  @Override
  public List<EmulatedRecord> conversationsSync(JsonNode conversationQuery) {
    ConversationQuery query = ConversationQuery.parse(conversationQuery);
    Duration length = Duration.ofMillis(query.interval().lengthMillis());
    Duration max = query.hasFilters() ? SYNC_MAX_INTERVAL_WITH_FILTERS : SYNC_MAX_INTERVAL;
    if (length.compareTo(max) > 0) {
      throw ApiError.badRequest(
          "interval "
              + query.interval()
              + " spans more than "
              + max.toDays()
              + " days: the"
              + " synchronous conversation details query allows at most "
              + SYNC_MAX_INTERVAL.toDays()
              + " days without filters and "
              + SYNC_MAX_INTERVAL_WITH_FILTERS.toDays()
              + " days with conversationFilters or"
              + " segmentFilters. Narrow the interval, or use an asynchronous details job.");
    }
    // The synchronous query reads fresher data than the lake: up to now.
    return select(query, clock.millis(), null);
  }

  @Override
  public List<EmulatedRecord> userDetails(JsonNode asyncUserDetailsQuery, Instant asOf) {
    return users.select(UserDetailsQuery.parse(asyncUserDetailsQuery), asOf.toEpochMilli());
  }

  @Override
  public Instant dataAvailabilityDate() {
    return clock.instant().minus(dataLag);
  }

  /**
   * The conversations {@code query} matches in the data as it stood at {@code now}; those deleted
   * by then that would match go to {@code deleted} when it is not null.
   */
  private List<EmulatedRecord> select(
      ConversationQuery query, long now, List<DeletedRecord> deleted) {
    QueryInterval interval = query.interval();
    long startOfFirstDay = Math.floorDiv(interval.start(), DAY) * DAY;
    long startedFrom =
        query.startOfDayIntervalMatching()
            ? startOfFirstDay
            : interval.start() - ConversationGenerator.MAX_DURATION_MILLIS;
    startedFrom = Math.max(startedFrom, DATA_START.toEpochMilli());
    long startedBefore = Math.min(interval.end(), now); // nothing exists after now
    List<Match> matches = new ArrayList<>();
    if (startedFrom < startedBefore) {
      long lastDay = Math.floorDiv(startedBefore - 1, DAY);
      for (long day = Math.floorDiv(startedFrom, DAY); day <= lastDay; day++) {
        collect(day, query, now, startedFrom, startedBefore, matches, deleted);
      }
    }
    return new MatchedRecords(
        matches, query.descending(), query.limit(), (d, i) -> day(d).finishedRecord(i));
  }

  private void collect(
      long epochDay,
      ConversationQuery query,
      long now,
      long startedFrom,
      long startedBefore,
      List<Match> matches,
      List<DeletedRecord> deleted) {
    GeneratedDay generated = day(epochDay);
    List<SyntheticConversation> conversations = generated.conversations();
    for (int i = 0; i < conversations.size(); i++) {
      SyntheticConversation c = conversations.get(i);
      if (c.start() >= startedBefore) {
        break; // ordered by start
      }
      long aliveUntil = Math.min(c.end(), now);
      if (c.start() < startedFrom || aliveUntil <= query.interval().start()) {
        continue;
      }
      boolean gone = generated.deletedBy(i, now);
      if (gone && deleted == null) {
        continue;
      }
      long seen = gone ? generated.deletedAt(i) : now; // a deleted one: its last record
      boolean revised = generated.revisedBy(i, seen);
      SyntheticConversation view = revised ? generated.revision(i) : c.asOf(seen);
      if (!query.matches(view)) {
        continue;
      }
      if (gone) {
        Instant at = Instant.ofEpochMilli(generated.deletedAt(i));
        deleted.add(new DeletedRecord(c.conversationId(), revised ? 2 : 1, at));
        continue;
      }
      // Records that are not the finished original are captured: the snapshot of this "now".
      EmulatedRecord captured =
          revised
              ? generated.revisedRecord(i)
              : c.inProgressAt(now) ? GeneratedDay.record(view, 1) : null;
      matches.add(new Match(query.orderKey(view), c.conversationId(), epochDay, i, captured));
    }
  }

  private GeneratedDay day(long epochDay) {
    return days.get(epochDay, d -> new GeneratedDay(generator.day(d), seed, d, lake));
  }
}
