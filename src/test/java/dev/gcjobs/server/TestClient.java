package dev.gcjobs.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP calls to a running service, with a bearer key unless told otherwise. */
final class TestClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String key;

  TestClient(String baseUrl, String key) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(builder(path, headers).GET());
  }

  HttpResponse<byte[]> getBytes(String path, String... headers) {
    try {
      return http.send(
          builder(path, headers).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    return send(
        builder(path, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
  }

  HttpResponse<String> delete(String path, String... headers) {
    return send(builder(path, headers).DELETE());
  }

  HttpResponse<String> send(String method, String path, String body, String... headers) {
    return send(
        builder(path, headers)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder builder(String path, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    boolean authorization = false;
    for (int i = 0; i < headers.length; i += 2) {
      authorization |= headers[i].equalsIgnoreCase("Authorization");
      builder.header(headers[i], headers[i + 1]);
    }
    if (!authorization && key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
