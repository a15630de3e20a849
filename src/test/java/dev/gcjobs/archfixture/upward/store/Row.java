package dev.gcjobs.archfixture.upward.store;

/** An upward import: the store uses the engine. */
public class Row {
  dev.gcjobs.archfixture.upward.engine.Plan plan;
}
