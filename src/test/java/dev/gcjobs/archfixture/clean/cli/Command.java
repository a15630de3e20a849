package dev.gcjobs.archfixture.clean.cli;

public class Command {
  dev.gcjobs.archfixture.clean.app.Wiring wiring;
  dev.gcjobs.archfixture.clean.engine.Catalog catalog;
  dev.gcjobs.archfixture.clean.emulator.FakeGenesys fakeGenesys;
  dev.gcjobs.archfixture.clean.genesys.WireException failure;
}
