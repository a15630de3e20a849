package dev.gcjobs.engine;

import java.util.Objects;

/**
 * A request that cannot be run as given: the user (CLI flags or HTTP body) must change it. The
 * message is one sentence or two saying what was wrong and what to do; {@link #field()} names the
 * part of the request at fault, in the HTTP body's terms ({@code interval}, {@code filters[1]},
 * {@code options.chunk}, ...). The CLI maps it to exit code 2, the HTTP API to 400.
 *
 * <p>Messages never contain secrets: requests carry none.
 */
public final class InvalidRequest extends RuntimeException {
  private final String field;

  /**
   * @param field the request field at fault, e.g. {@code interval} or {@code options.chunk}
   * @param message what was wrong and what to do instead
   */
  public InvalidRequest(String field, String message) {
    // No stack trace: this is a user error, reported as one line, never logged as a crash.
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.field = Objects.requireNonNull(field, "field");
  }

  /**
   * The request field at fault, e.g. {@code interval}, {@code filters[0]}, {@code options.chunk}.
   */
  public String field() {
    return field;
  }
}
