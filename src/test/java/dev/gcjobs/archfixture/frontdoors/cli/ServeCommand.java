package dev.gcjobs.archfixture.frontdoors.cli;

public class ServeCommand {
  dev.gcjobs.archfixture.frontdoors.server.Routes routes;
}
