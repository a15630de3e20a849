package dev.gcjobs.archfixture.stray.engine;

/** A package DESIGN.md does not have. */
public class Plan {}
