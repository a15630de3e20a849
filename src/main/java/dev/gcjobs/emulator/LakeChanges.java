package dev.gcjobs.emulator;

import java.time.Duration;

/**
 * How the data lake rewrites conversations after they ended, as Genesys' nightly batch does: a
 * share of conversations gets a revised record once it is {@link #REVISION_AGE_MIN} to {@link
 * #REVISION_AGE_MAX} past its end, and a share is deleted (compliance) {@code deletedAfterMin} to
 * {@code deletedAfterMax} past its end. Which conversations and when follow from the seed alone.
 *
 * @param revisedFraction share of conversations (0..1) that get one revised record
 * @param deletedFraction share of conversations (0..1) that are deleted
 * @param deletedAfterMin earliest deletion, counted from the conversation's end
 * @param deletedAfterMax latest deletion (at least {@code deletedAfterMin})
 */
public record LakeChanges(
    double revisedFraction,
    double deletedFraction,
    Duration deletedAfterMin,
    Duration deletedAfterMax) {

  /** Genesys reprocesses data at least 48 hours old; changes are expected by 72 hours. */
  public static final Duration REVISION_AGE_MIN = Duration.ofHours(48);

  public static final Duration REVISION_AGE_MAX = Duration.ofHours(72);

  public static final double DEFAULT_REVISED_FRACTION = 0.03;
  public static final double DEFAULT_DELETED_FRACTION = 0.01;
  public static final Duration DEFAULT_DELETED_AFTER_MIN = Duration.ofDays(3);
  public static final Duration DEFAULT_DELETED_AFTER_MAX = Duration.ofDays(10);

  public static final LakeChanges DEFAULT =
      new LakeChanges(
          DEFAULT_REVISED_FRACTION,
          DEFAULT_DELETED_FRACTION,
          DEFAULT_DELETED_AFTER_MIN,
          DEFAULT_DELETED_AFTER_MAX);

  /** Nothing is ever revised or deleted. */
  public static final LakeChanges NONE =
      new LakeChanges(0, 0, DEFAULT_DELETED_AFTER_MIN, DEFAULT_DELETED_AFTER_MAX);

  /** The instant of a change that never happens. */
  static final long NEVER = Long.MAX_VALUE;

  private static final long REVISED_STREAM = 0x2E71_5EDL;
  private static final long DELETED_STREAM = 0xDE1E_7EDL;
  private static final double UNIT = 0x1.0p-53;

  public LakeChanges {
    fraction(revisedFraction, "revisedFraction");
    fraction(deletedFraction, "deletedFraction");
    if (deletedAfterMin == null || deletedAfterMin.isNegative()) {
      throw new IllegalArgumentException(
          "deletedAfterMin must not be negative, was " + deletedAfterMin);
    }
    if (deletedAfterMax == null || deletedAfterMax.compareTo(deletedAfterMin) < 0) {
      throw new IllegalArgumentException(
          "deletedAfterMax must be at least deletedAfterMin ("
              + deletedAfterMin
              + "), was "
              + deletedAfterMax);
    }
  }

  /** When the conversation's revised record appears, or {@link #NEVER}. */
  long revisedAt(long seed, long epochDay, int index, long end) {
    long h = SeededHash.of(seed, REVISED_STREAM, epochDay, index);
    if (!chosen(h, revisedFraction)) {
      return NEVER;
    }
    return end + within(h, REVISION_AGE_MIN, REVISION_AGE_MAX);
  }

  /** When the conversation is deleted, or {@link #NEVER}. */
  long deletedAt(long seed, long epochDay, int index, long end) {
    long h = SeededHash.of(seed, DELETED_STREAM, epochDay, index);
    if (!chosen(h, deletedFraction)) {
      return NEVER;
    }
    return end + within(h, deletedAfterMin, deletedAfterMax);
  }

  /** What a revision changes; drawn from the same hash as its instant, so it is stable. */
  static long revisionHash(long seed, long epochDay, int index) {
    return SeededHash.of(seed, REVISED_STREAM, epochDay, index, 1);
  }

  private static boolean chosen(long h, double fraction) {
    return (h >>> 11) * UNIT < fraction;
  }

  /** A point in [min, max] taken from bits of {@code h} that {@link #chosen} does not use. */
  private static long within(long h, Duration min, Duration max) {
    long span = max.toMillis() - min.toMillis() + 1;
    return min.toMillis() + Math.floorMod(Long.rotateLeft(h, 32) * 0x9E3779B97F4A7C15L, span);
  }

  private static void fraction(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
    }
  }
}
