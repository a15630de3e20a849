package dev.gcjobs.app;

import dev.gcjobs.emulator.Emulator;
import dev.gcjobs.emulator.EmulatorConfig;
import dev.gcjobs.engine.ExportKind;
import dev.gcjobs.engine.JobCanceller;
import dev.gcjobs.genesys.AnalyticsJobsApi;
import dev.gcjobs.genesys.Credentials;
import dev.gcjobs.genesys.GenesysClient;
import dev.gcjobs.genesys.Region;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Instant;

/**
 * A Genesys client ready to use, and the emulator it talks to when gcjobs runs one in this process:
 * what the engine reads from, and what {@code gcjobs check} and a cancel ask directly. Build it
 * with {@link GenesysSettings#connect} or {@link #toEmulator}; close it to stop that emulator.
 */
public final class GenesysConnection implements AutoCloseable {
  private final GenesysClient client;
  private final Emulator emulator;
  private final String source;
  private final String clientId;

  GenesysConnection(GenesysClient client, Emulator emulator, String source, String clientId) {
    this.client = client;
    this.emulator = emulator;
    this.source = source;
    this.clientId = clientId;
  }

  /**
   * Starts the emulator in this process and connects to it.
   *
   * @param requestsPerMinute the request budget, or null for the default
   * @throws IllegalStateException when the emulator cannot listen
   */
  public static GenesysConnection toEmulator(
      EmulatorConfig config, Long requestsPerMinute, MeterRegistry registry) {
    Emulator started = Emulator.start(config);
    try {
      GenesysClient.Builder builder =
          GenesysClient.builder()
              .meterRegistry(registry)
              .domain(started.baseUrl(), "the emulator's address")
              .credentials(new Credentials(started.clientId(), started.clientSecret()));
      if (requestsPerMinute != null) {
        builder.requestsPerMinute(requestsPerMinute);
      }
      // The emulator's data is a function of these settings: another one is another org.
      String source =
          "emulator:"
              + config.seed()
              + ":"
              + config.conversationsPerDay()
              + ":"
              + config.users()
              + ":"
              + config.dataNow().map(Object::toString).orElse("clock")
              + config.now().map(now -> ":now=" + now).orElse("");
      return new GenesysConnection(builder.build(), started, source, started.clientId());
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /**
   * Names the org this connection reads: the same request against another org is another export.
   */
  public String source() {
    return source;
  }

  /** The OAuth client id it logs in with (never the secret). */
  public String clientId() {
    return clientId;
  }

  /** The region's name as given, such as {@code mypurecloud.ie} or the emulator's URL. */
  public String regionName() {
    return region().name();
  }

  /** Where API calls go. */
  public URI apiBaseUri() {
    return region().apiBaseUri();
  }

  /** Where the login (token request) goes. */
  public URI tokenUri() {
    return region().tokenUri();
  }

  /**
   * Logs in (client credentials) now, or reuses a token still valid.
   *
   * @return when the token expires
   * @throws dev.gcjobs.genesys.GenesysAuthException when the login is refused, with its likely
   *     cause
   */
  public Instant logIn() {
    return client.tokens().token().expiresAt();
  }

  /**
   * Up to when Genesys holds the data of {@code kind}'s detail jobs ({@code dataAvailabilityDate}).
   *
   * @throws dev.gcjobs.genesys.GenesysException when Genesys refuses (403: a permission missing) or
   *     cannot be reached
   */
  public Instant dataAvailableUntil(ExportKind kind) {
    return client.analyticsJobs().availability(kind.jobKind());
  }

  /** Cancels the Genesys jobs of a cancelled export through this connection. */
  public JobCanceller jobCanceller() {
    AnalyticsJobsApi api = analyticsJobs();
    return (kind, jobId) -> api.cancel(kind.jobKind(), jobId);
  }

  /** The jobs API, for the engine built in this package. */
  AnalyticsJobsApi analyticsJobs() {
    return client.analyticsJobs();
  }

  private Region region() {
    return client.region();
  }

  /** Stops the emulator started for this connection, if any. */
  @Override
  public void close() {
    if (emulator != null) {
      emulator.close();
    }
  }
}
