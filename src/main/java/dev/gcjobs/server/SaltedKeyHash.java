package dev.gcjobs.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * SHA-256 over a random 16-byte salt and the key. A fast hash is right here, unlike for passwords:
 * the keys gcjobs makes carry 256 random bits, so no amount of hashing speed lets anyone guess one
 * from its hash, while a slow hash (PBKDF2) would cost milliseconds of CPU on every request. The
 * salt keeps equal keys from having equal hashes. Public for the key file that {@code gcjobs keys}
 * writes ({@code app.ApiKeyFile}): it stores hashes this class checks.
 */
public final class SaltedKeyHash {
  static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SaltedKeyHash() {}

  /** A new random salt. */
  public static byte[] newSalt() {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return salt;
  }

  /** SHA-256 over the salt and the key. */
  public static byte[] hash(byte[] salt, String key) {
    MessageDigest sha256 = sha256();
    sha256.update(salt);
    sha256.update(key.getBytes(StandardCharsets.UTF_8));
    return sha256.digest();
  }

  /** Whether the key hashes to {@code expected}; compared in constant time. */
  public static boolean matches(byte[] salt, byte[] expected, String key) {
    return MessageDigest.isEqual(hash(salt, key), expected);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
