package dev.gcjobs.server;

import static dev.gcjobs.server.ExportRoutesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  @TempDir Path stateDir;
  RunningService service;
  JsonNode document;

  @BeforeEach
  void start() {
    service = new RunningService(stateDir);
    HttpResponse<String> response = service.client.get("/openapi.json");
    assertThat(response.statusCode()).isEqualTo(200);
    document = json(response);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private List<String> documentedRoutes() {
    List<String> routes = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (METHODS.contains(operation.getKey())) {
          routes.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
    }
    return routes;
  }

  @Test
  void itIsAnOpenApi3DocumentWithSecuritySchemes() {
    assertThat(document.get("openapi").asText()).startsWith("3.");
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
    assertThat(document.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteIsARoute() {
    assertThat(documentedRoutes()).containsExactlyInAnyOrderElementsOf(service.app.routes());
  }

  @Test
  void everyDocumentedRouteAnswersWithAStatusItDocuments() {
    String running =
        json(service.client.post("/v1/exports", ExportRoutesTest.BODY)).get("id").asText();
    String done =
        json(service.client.post("/v1/exports", "{\"interval\": \"2024-06-01/P1D\"}"))
            .get("id")
            .asText();
    service.exports.finish(done, List.of("{\"conversationId\":\"c1\"}"));
    String kept = "{\"destination\": \"warehouse\", \"since\": \"2024-01-01\", \"id\": \"kept\"}";
    String gone =
        "{\"destination\": \"warehouse\", \"kind\": \"users\", \"since\": \"2024-01-01\","
            + " \"id\": \"gone\"}";
    assertThat(service.client.post("/v1/syncs", kept).statusCode()).isEqualTo(201);
    assertThat(service.client.post("/v1/syncs", gone).statusCode()).isEqualTo(201);

    for (String route : documentedRoutes()) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1);
      boolean sync = path.startsWith("/v1/syncs");
      String id =
          sync
              ? (method.equals("DELETE") ? "gone" : "kept")
              : method.equals("DELETE") ? running : done;
      String body =
          !method.equals("POST")
              ? null
              : !sync ? ExportRoutesTest.BODY : path.equals("/v1/syncs") ? kept : null;

      HttpResponse<String> response = service.client.send(method, path.replace("{id}", id), body);

      JsonNode responses =
          document.at(
              "/paths/"
                  + path.replace("/", "~1")
                  + "/"
                  + method.toLowerCase(Locale.ROOT)
                  + "/responses");
      assertThat(response.statusCode()).as(route).isLessThan(300);
      assertThat(responses.has(Integer.toString(response.statusCode())))
          .as(route + " documents " + response.statusCode())
          .isTrue();
    }
  }
}
