package dev.gcjobs.archfixture.frontdoors.genesys;

/** A failure of the wire, which a front door may catch and map to its exit code. */
public class WireException extends RuntimeException {}
