package dev.gcjobs.engine;

import dev.gcjobs.genesys.GenesysException;

/**
 * Genesys could not say up to when its data is complete, so no export is planned: planning blind
 * could pass off a partial window as complete. Its cause says why (authentication, a Genesys
 * outage, ...); trying again later may work.
 */
public final class AvailabilityUnknown extends RuntimeException {
  AvailabilityUnknown(GenesysException cause) {
    super("cannot read Genesys' data availability: " + cause.getMessage(), cause);
  }

  /** What Genesys answered, or why it could not be reached. */
  @Override
  public synchronized GenesysException getCause() {
    return (GenesysException) super.getCause();
  }
}
