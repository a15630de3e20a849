package dev.gcjobs.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requests no HTTP library would send: Jetty rejects them, still with the JSON error body. */
@Tag("unit")
class MalformedRequestTest {
  @TempDir Path stateDir;
  RunningService service;

  @BeforeEach
  void start() {
    service = new RunningService(stateDir);
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.app.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) != -1) {
          answer.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException e) {
        // The server kept the connection open: the answer is what arrived.
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /v1/exports/%00 HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /v1/exports/%FF HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /v1/../exports HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /v1/exports HTTP/1.1\r\nHost: x\r\nno-colon-here\r\n\r\n",
        "POST /v1/exports HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
      })
  void aMalformedRequestGetsA4xxWithTheErrorBody(String request) throws IOException {
    String answer = exchange(request);

    assertThat(answer).startsWith("HTTP/1.1 4");
    assertThat(answer).contains("Content-Type: application/json");
    assertThat(answer).contains("{\"error\":{\"code\":");
    assertThat(answer).doesNotContain("<html").doesNotContain("Exception");
  }

  @Test
  void anUnknownHttpVersionGetsTheStatusHttpPrescribesWithTheErrorBody() throws IOException {
    String answer = exchange("GET /v1/exports HTTP/9.9\r\nHost: x\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 505");
    assertThat(answer).contains("\"code\":\"http_version_not_supported\"");
  }

  @ParameterizedTest
  @ValueSource(ints = {9_000, 20_000})
  void oversizedHeadersGetA431WithTheErrorBody(int size) throws IOException {
    String answer =
        exchange("GET /v1/exports HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(size) + "\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 431");
    assertThat(answer).contains("\"code\":\"headers_too_large\"");
  }
}
