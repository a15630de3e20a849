package dev.gcjobs.store;

import java.util.Objects;

/**
 * Why an export failed.
 *
 * @param code a stable gcjobs error code, e.g. {@code job.failed} or {@code deadline.exceeded}
 * @param message what went wrong, for the user
 * @param genesysMessage Genesys' own error message (job {@code errorMessage} or error body), or
 *     null
 * @param contextId the Genesys {@code contextId} to quote to Genesys support, or null
 */
public record ExportError(String code, String message, String genesysMessage, String contextId) {
  /** Validates that code and message are present. */
  public ExportError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
