package dev.gcjobs.emulator;

/**
 * A failure the emulator answers with a Genesys {@code ErrorBody}: an HTTP status, a Genesys error
 * code such as {@code bad.request} and a message that says what was wrong and how to fix it.
 */
public class ApiError extends RuntimeException {
  private final int status;
  private final String code;

  public ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad.request", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
