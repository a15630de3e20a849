package dev.gcjobs.archfixture.frontdoors.store;

public class Row {}
