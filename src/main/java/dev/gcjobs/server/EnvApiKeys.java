package dev.gcjobs.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain API keys from the {@code GCJOBS_API_KEYS} environment variable, comma-separated. Each is
 * known by its position ({@code env-1}, {@code env-2}, ...), never by its text. Compares SHA-256
 * digests with {@link MessageDigest#isEqual}, so neither the content nor the length of a key shows
 * in the timing.
 */
public final class EnvApiKeys implements ApiKeyVerifier {
  /** The environment variable read by {@link #fromEnvironment()}. */
  public static final String VARIABLE = "GCJOBS_API_KEYS";

  private final List<byte[]> digests;

  private EnvApiKeys(List<byte[]> digests) {
    this.digests = digests;
  }

  /** Reads {@value #VARIABLE}; unset or blank means no keys. */
  public static EnvApiKeys fromEnvironment() {
    return parse(System.getenv(VARIABLE));
  }

  /** Parses a comma-separated list; blanks around and between keys are ignored. */
  public static EnvApiKeys parse(String commaSeparated) {
    List<byte[]> digests = new ArrayList<>();
    if (commaSeparated != null) {
      for (String key : commaSeparated.split(",")) {
        if (!key.isBlank()) {
          digests.add(digest(key.strip()));
        }
      }
    }
    return new EnvApiKeys(List.copyOf(digests));
  }

  @Override
  public Optional<String> identify(String presented) {
    byte[] candidate = digest(presented);
    int found = -1;
    // Every key is compared, so the timing does not tell which one (if any) matched.
    for (int i = 0; i < digests.size(); i++) {
      if (MessageDigest.isEqual(digests.get(i), candidate) && found < 0) {
        found = i;
      }
    }
    return found < 0 ? Optional.empty() : Optional.of("env-" + (found + 1));
  }

  @Override
  public boolean hasKeys() {
    return !digests.isEmpty();
  }

  private static byte[] digest(String key) {
    return SaltedKeyHash.sha256().digest(key.getBytes(StandardCharsets.UTF_8));
  }
}
