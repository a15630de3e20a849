package dev.gcjobs.server;

import java.util.List;
import java.util.Optional;

/**
 * Tells which configured API key a presented key is, in time that does not depend on how much of it
 * matches. Implementations are thread-safe.
 */
public interface ApiKeyVerifier {

  /** The id of the configured key equal to {@code presented}, or empty. */
  Optional<String> identify(String presented);

  /** Whether at least one key is configured (the service refuses to start without one). */
  boolean hasKeys();

  /** Accepts a key any of the verifiers accepts; all are asked, so timing shows nothing. */
  static ApiKeyVerifier anyOf(List<ApiKeyVerifier> verifiers) {
    List<ApiKeyVerifier> all = List.copyOf(verifiers);
    return new ApiKeyVerifier() {
      @Override
      public Optional<String> identify(String presented) {
        Optional<String> found = Optional.empty();
        for (ApiKeyVerifier verifier : all) {
          Optional<String> id = verifier.identify(presented);
          if (found.isEmpty()) {
            found = id;
          }
        }
        return found;
      }

      @Override
      public boolean hasKeys() {
        return all.stream().anyMatch(ApiKeyVerifier::hasKeys);
      }
    };
  }
}
