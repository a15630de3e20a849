package dev.gcjobs.emulator;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Deterministic hashing of a seed and coordinates (a day, a user index, ...) into random streams
 * and UUID-shaped ids, so any part of the synthetic org can be generated on its own, in any order.
 */
final class SeededHash {
  private SeededHash() {}

  /** A 64-bit hash of the values (SplitMix64 finalizer chained over each value). */
  static long of(long... values) {
    long h = 0x9E3779B97F4A7C15L;
    for (long v : values) {
      h = mix(h ^ mix(v + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  /** A random stream that depends only on the values. */
  static SplittableRandom random(long... values) {
    return new SplittableRandom(of(values));
  }

  /** A version-4-shaped UUID string that depends only on the values. */
  static String uuid(long... values) {
    long msb = of(values);
    return uuid(msb, mix(msb ^ 0x5DEECE66DL));
  }

  /** A version-4-shaped UUID string drawn from a random stream. */
  static String uuid(SplittableRandom random) {
    return uuid(random.nextLong(), random.nextLong());
  }

  private static String uuid(long msb, long lsb) {
    long version4 = (msb & ~0xF000L) | 0x4000L;
    long ietfVariant = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(version4, ietfVariant).toString();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
