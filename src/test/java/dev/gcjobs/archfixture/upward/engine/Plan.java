package dev.gcjobs.archfixture.upward.engine;

public class Plan {}
