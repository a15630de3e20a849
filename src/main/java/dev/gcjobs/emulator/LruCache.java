package dev.gcjobs.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small thread-safe least-recently-used cache. Values are computed outside the lock, so two
 * threads may compute the same value once; the first stored wins, which is harmless for
 * deterministic values.
 */
final class LruCache<K, V> {
  private final Map<K, V> entries;

  LruCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  V get(K key, Function<K, V> compute) {
    synchronized (entries) {
      V value = entries.get(key);
      if (value != null) {
        return value;
      }
    }
    V computed = compute.apply(key);
    synchronized (entries) {
      V raced = entries.putIfAbsent(key, computed);
      return raced != null ? raced : computed;
    }
  }
}
