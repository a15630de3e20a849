package dev.gcjobs.archfixture.emulatorleak.server;

public class Routes {
  dev.gcjobs.archfixture.emulatorleak.emulator.FakeGenesys fakeGenesys;
}
