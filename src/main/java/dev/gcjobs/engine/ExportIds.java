package dev.gcjobs.engine;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * New export ids: version 7 UUIDs (RFC 9562), whose first 48 bits are the creation time in
 * milliseconds and the rest random. Ids made later sort later, so the store appends new exports and
 * their chunks at the end of its indexes instead of rewriting a random page of each for every new
 * export (H2 copies every page a commit touches).
 */
final class ExportIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ExportIds() {}

  static String next(Instant now) {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    long millis = now.toEpochMilli();
    for (int i = 0; i < 6; i++) {
      b[i] = (byte) (millis >>> (40 - 8 * i));
    }
    b[6] = (byte) ((b[6] & 0x0f) | 0x70);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[i] & 0xff);
      lo = (lo << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(hi, lo).toString();
  }
}
