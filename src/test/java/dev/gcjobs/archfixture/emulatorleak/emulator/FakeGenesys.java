package dev.gcjobs.archfixture.emulatorleak.emulator;

/** The emulator uses the engine, and the server uses the emulator. */
public class FakeGenesys {
  dev.gcjobs.archfixture.emulatorleak.engine.Plan plan;
}
