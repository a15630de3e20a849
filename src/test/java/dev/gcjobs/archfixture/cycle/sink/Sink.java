package dev.gcjobs.archfixture.cycle.sink;

public class Sink {
  dev.gcjobs.archfixture.cycle.genesys.Wire wire;
}
