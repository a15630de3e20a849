package dev.gcjobs.archfixture.frontdoors.genesys;

public class Wire {}
