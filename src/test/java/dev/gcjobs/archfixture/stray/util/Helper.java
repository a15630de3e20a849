package dev.gcjobs.archfixture.stray.util;

public class Helper {
  dev.gcjobs.archfixture.stray.engine.Plan plan;
}
