package dev.gcjobs.archfixture.frontdoors.cli;

public class CheckCommand {
  dev.gcjobs.archfixture.frontdoors.genesys.Wire wire;
  dev.gcjobs.archfixture.frontdoors.genesys.WireException failure;
}
