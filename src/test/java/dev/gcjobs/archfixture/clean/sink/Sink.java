package dev.gcjobs.archfixture.clean.sink;

public class Sink {}
