package dev.gcjobs.archfixture.clean.genesys;

/** A small product that keeps every rule, to show the rules do not fail for nothing. */
public class Wire {}
