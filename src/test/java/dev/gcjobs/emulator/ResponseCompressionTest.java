package dev.gcjobs.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gcjobs.testing.TestClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Like Genesys' edge, the emulator gzips answers for clients that accept it, errors included. */
@Tag("emulator")
class ResponseCompressionTest {
  private static final String JOBS = "/api/v2/analytics/conversations/details/jobs";
  private static final String QUERY = "/api/v2/analytics/conversations/details/query";

  private final HttpClient raw = HttpClient.newHttpClient();
  private Emulator emulator;
  private EmulatorHttp http;

  @BeforeEach
  void start() {
    emulator = TestEmulators.start(TestClock.at(TestEmulators.NOW));
    http = new EmulatorHttp(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void anAnswerIsGzippedWhenTheClientAcceptsItAndHoldsTheSameBytes() {
    String body = "{\"interval\":\"2024-05-01T00:00:00Z/2024-05-02T00:00:00Z\"}";
    HttpResponse<byte[]> plain = send(post(QUERY, body));
    HttpResponse<byte[]> gzipped = send(post(QUERY, body).header("Accept-Encoding", "gzip"));

    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(gzipped.statusCode()).isEqualTo(200);
    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
    assertThat(gzipped.body().length).isLessThan(plain.body().length);
    assertThat(gunzip(gzipped.body())).isEqualTo(plain.body());
  }

  @Test
  void errorBodiesAreGzippedToo() {
    HttpResponse<byte[]> unknownJob =
        send(http.authorized(JOBS + "/no-such-job").header("Accept-Encoding", "gzip, deflate"));
    HttpResponse<byte[]> badToken =
        send(
            http.request(JOBS + "/availability")
                .header("Authorization", "Bearer expired")
                .header("Accept-Encoding", "gzip"));

    assertThat(unknownJob.statusCode()).isEqualTo(404);
    assertThat(new String(gunzip(unknownJob.body()), StandardCharsets.UTF_8))
        .contains("\"code\":\"not.found\"");
    assertThat(badToken.statusCode()).isEqualTo(401);
    assertThat(new String(gunzip(badToken.body()), StandardCharsets.UTF_8))
        .contains("\"code\":\"bad.credentials\"");
  }

  @Test
  void gzipRefusedWithQZeroOrNotAskedForGivesPlainAnswers() {
    assertThat(ResponseCompression.acceptsGzip("gzip")).isTrue();
    assertThat(ResponseCompression.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
    assertThat(ResponseCompression.acceptsGzip("*")).isTrue();
    assertThat(ResponseCompression.acceptsGzip("gzip;q=0")).isFalse();
    assertThat(ResponseCompression.acceptsGzip("identity")).isFalse();
    assertThat(ResponseCompression.acceptsGzip(null)).isFalse();
    HttpResponse<byte[]> refused =
        send(http.authorized(JOBS + "/availability").header("Accept-Encoding", "gzip;q=0"));
    assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
  }

  @Test
  void anEmulatorToldNotToCompressAnswersPlain() {
    emulator.close();
    emulator =
        TestEmulators.start(TestClock.at(TestEmulators.NOW), b -> b.compressResponses(false));
    http = new EmulatorHttp(emulator);

    HttpResponse<byte[]> answer =
        send(http.authorized(JOBS + "/availability").header("Accept-Encoding", "gzip"));

    assertThat(answer.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("dataAvailabilityDate");
  }

  private HttpRequest.Builder post(String path, String json) {
    return http.authorized(path)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return raw.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] gunzip(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
