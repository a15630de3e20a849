package dev.gcjobs.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Registers routes with Javalin and remembers them, so the OpenAPI test can compare. */
final class RouteTable {
  /** One route, e.g. {@code GET /v1/exports/{id}}. */
  record Route(String method, String path) {}

  private final RoutesConfig routes;
  private final List<Route> registered = new ArrayList<>();

  RouteTable(RoutesConfig routes) {
    this.routes = routes;
  }

  void get(String path, Handler handler) {
    registered.add(new Route("GET", path));
    routes.get(path, handler);
  }

  void post(String path, Handler handler) {
    registered.add(new Route("POST", path));
    routes.post(path, handler);
  }

  void delete(String path, Handler handler) {
    registered.add(new Route("DELETE", path));
    routes.delete(path, handler);
  }

  List<Route> routes() {
    return List.copyOf(registered);
  }
}
