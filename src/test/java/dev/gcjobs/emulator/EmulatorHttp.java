package dev.gcjobs.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A plain JDK HttpClient talking to an emulator over loopback, the way tests need it. */
final class EmulatorHttp {
  private final HttpClient http = HttpClient.newHttpClient();
  private final Emulator emulator;
  private String token;

  EmulatorHttp(Emulator emulator) {
    this.emulator = emulator;
  }

  /** A token of the emulator's first client, fetched once. */
  String token() {
    if (token == null) {
      HttpResponse<String> answer =
          login(emulator.clientId(), emulator.clientSecret(), "grant_type=client_credentials");
      token = json(answer).path("access_token").asText();
    }
    return token;
  }

  /** A fresh token for the given client. */
  String tokenFor(String clientId, String secret) {
    return json(login(clientId, secret, "grant_type=client_credentials"))
        .path("access_token")
        .asText();
  }

  HttpResponse<String> login(String clientId, String secret, String form) {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return send(
        request("/oauth/token")
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  HttpResponse<String> get(String path) {
    return send(authorized(path).GET());
  }

  HttpResponse<String> post(String path, String json) {
    return send(
        authorized(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> delete(String path) {
    return send(authorized(path).DELETE());
  }

  HttpRequest.Builder authorized(String path) {
    return request(path).header("Authorization", "Bearer " + token());
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return sendOrThrow(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends without wrapping the IOException a broken connection gives. */
  HttpResponse<String> sendOrThrow(HttpRequest.Builder request) throws IOException {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static JsonNode json(HttpResponse<String> answer) {
    try {
      return WireJson.MAPPER.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + answer.body(), e);
    }
  }
}
