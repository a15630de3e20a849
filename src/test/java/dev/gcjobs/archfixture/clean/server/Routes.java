package dev.gcjobs.archfixture.clean.server;

public class Routes {
  dev.gcjobs.archfixture.clean.engine.Catalog catalog;
}
