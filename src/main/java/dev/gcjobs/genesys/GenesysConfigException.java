package dev.gcjobs.genesys;

/**
 * A setting of the Genesys client is missing or wrong (unknown region, malformed host, empty
 * credentials, a negative rate). Raised at start-up, before any request; the message is one line
 * that names the setting, says what was wrong and what to do, and never shows a secret.
 */
public class GenesysConfigException extends GenesysException {
  private final String setting;
  private final String problem;

  /**
   * @param setting the setting's name as the user knows it, such as {@code GENESYS_DOMAIN}
   * @param problem what is wrong and how to fix it, without the setting's name
   */
  public GenesysConfigException(String setting, String problem) {
    super(setting + ": " + problem, 0, null, null, null, null, null, false, null);
    this.setting = setting;
    this.problem = problem;
  }

  /** The name of the setting that is wrong, such as {@code GENESYS_DOMAIN}. */
  public String setting() {
    return setting;
  }

  /** What is wrong, without the setting's name; a CLI can prefix its own flag name. */
  public String problem() {
    return problem;
  }
}
