package dev.gcjobs.archfixture.clean.engine;

public class Catalog {
  dev.gcjobs.archfixture.clean.genesys.Wire wire;
  dev.gcjobs.archfixture.clean.store.Row row;
  dev.gcjobs.archfixture.clean.sink.Sink sink;
}
