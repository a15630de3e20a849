package dev.gcjobs.archfixture.frontdoors.app;

public class Wiring {}
