package dev.gcjobs.archfixture.cycle.genesys;

/** Two packages that use each other. */
public class Wire {
  dev.gcjobs.archfixture.cycle.sink.Sink sink;
}
