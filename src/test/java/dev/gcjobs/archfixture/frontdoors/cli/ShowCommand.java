package dev.gcjobs.archfixture.frontdoors.cli;

/**
 * Front doors that reach past the engine: the CLI reads store rows, starts the server itself and
 * calls Genesys; the server uses the wiring.
 */
public class ShowCommand {
  dev.gcjobs.archfixture.frontdoors.store.Row row;
}
