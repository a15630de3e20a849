package dev.gcjobs.archfixture.emulatorleak.engine;

public class Plan {}
