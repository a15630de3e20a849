package dev.gcjobs.archfixture.frontdoors.server;

public class Routes {
  dev.gcjobs.archfixture.frontdoors.app.Wiring wiring;
}
