package dev.gcjobs.archfixture.clean.genesys;

/** A failure of the wire: the CLI may catch it to choose its exit code. */
public class WireException extends RuntimeException {}
