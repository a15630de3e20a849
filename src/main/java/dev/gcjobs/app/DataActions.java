package dev.gcjobs.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gcjobs.server.DataActionDefinitions;
import java.util.List;

/**
 * The Genesys Cloud Data Action definitions of {@code gcjobs serve} (submit an export, read its
 * summary, cancel it) for the address Genesys reaches it at: the same definitions the service
 * serves, to write to files.
 */
public final class DataActions {
  private DataActions() {}

  /**
   * One action, importable in Admin > Integrations > Actions.
   *
   * @param fileName the file it is written to, e.g. {@code gcjobs-submit-export.json}
   */
  public record Action(String fileName, ObjectNode definition) {}

  /**
   * @param baseUrl where Genesys Cloud reaches the service, e.g. {@code https://gcjobs.example.com}
   * @throws IllegalArgumentException when it is not an absolute http(s) URL without query
   */
  public static List<Action> forBaseUrl(String baseUrl) {
    return DataActionDefinitions.forBaseUrl(baseUrl).stream()
        .map(d -> new Action(d.fileName(), d.definition()))
        .toList();
  }

  /** What works here but not from Genesys Cloud: plain http, an address of this machine. */
  public static List<String> warnings(String baseUrl) {
    return DataActionDefinitions.warnings(baseUrl);
  }
}
