package dev.gcjobs.archfixture.clean.app;

public class Wiring {
  dev.gcjobs.archfixture.clean.engine.Catalog catalog;
  dev.gcjobs.archfixture.clean.store.Row row;
  dev.gcjobs.archfixture.clean.genesys.Wire wire;
  dev.gcjobs.archfixture.clean.server.Routes routes;
  dev.gcjobs.archfixture.clean.emulator.FakeGenesys fakeGenesys;
}
