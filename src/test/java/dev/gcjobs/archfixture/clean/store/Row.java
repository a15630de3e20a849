package dev.gcjobs.archfixture.clean.store;

public class Row {}
