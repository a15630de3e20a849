package dev.gcjobs.archfixture.clean.emulator;

public class FakeGenesys {}
