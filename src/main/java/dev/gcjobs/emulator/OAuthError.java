package dev.gcjobs.emulator;

/** A failure of {@code /oauth/token}, answered with an OAuth error body, not an ErrorBody. */
final class OAuthError extends RuntimeException {
  final int status;
  final String error;

  OAuthError(int status, String error, String description) {
    super(description, null, false, false);
    this.status = status;
    this.error = error;
  }
}
