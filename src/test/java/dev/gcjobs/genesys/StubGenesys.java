package dev.gcjobs.genesys;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A scripted stand-in for Genesys on 127.0.0.1 (JDK HttpServer): tokens at /oauth/token, API
 * answers from a queue (then a default), every request recorded. For client tests that need exact
 * control of each answer; the emulator tests cover realistic behaviour.
 */
final class StubGenesys implements AutoCloseable {
  /** One recorded request. */
  record Request(String method, String pathAndQuery, String authorization, String body) {}

  /**
   * One scripted answer; {@code reset} drops the connection, {@code truncateAt} cuts the body,
   * {@code compressed} gzips it.
   */
  record Answer(
      int status,
      Map<String, String> headers,
      String body,
      boolean reset,
      int truncateAt,
      boolean compressed) {
    static Answer json(int status, String body) {
      return new Answer(status, Map.of(), body, false, -1, false);
    }

    static Answer json(int status, String body, Map<String, String> headers) {
      return new Answer(status, headers, body, false, -1, false);
    }

    static Answer connectionReset() {
      return new Answer(0, Map.of(), "", true, -1, false);
    }

    /** Announces the full length but sends only the first {@code bytes}, then closes. */
    static Answer cutOff(String body, int bytes) {
      return new Answer(200, Map.of(), body, false, bytes, false);
    }

    /**
     * A 200 whose body is gzip-compressed, cut after {@code keepBytes} compressed bytes if >= 0.
     */
    static Answer gzip(String body, int keepBytes) {
      return new Answer(200, Map.of("Content-Encoding", "gzip"), body, false, keepBytes, true);
    }

    static Answer error(int status, String code, String message) {
      return json(
          status,
          "{\"status\":"
              + status
              + ",\"code\":\""
              + code
              + "\",\"message\":\""
              + message
              + "\",\"contextId\":\"ctx-"
              + status
              + "\",\"details\":[],\"errors\":[]}");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Answer> apiScript = new ArrayDeque<>();
  private final Deque<Answer> tokenScript = new ArrayDeque<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private volatile Function<Request, Answer> apiDefault = r -> Answer.json(200, "{}");
  private volatile int tokenLifetimeSeconds = 86400;
  private volatile long tokenDelayMillis;

  StubGenesys() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  synchronized StubGenesys thenApi(Answer... answers) {
    apiScript.addAll(List.of(answers));
    return this;
  }

  synchronized StubGenesys thenToken(Answer... answers) {
    tokenScript.addAll(List.of(answers));
    return this;
  }

  StubGenesys apiDefault(Function<Request, Answer> answer) {
    this.apiDefault = answer;
    return this;
  }

  StubGenesys tokenLifetimeSeconds(int seconds) {
    this.tokenLifetimeSeconds = seconds;
    return this;
  }

  /** Makes every token answer take this long (to see concurrent callers wait for one fetch). */
  StubGenesys tokenDelayMillis(long millis) {
    this.tokenDelayMillis = millis;
    return this;
  }

  /** The value of the n-th token issued (1-based), as the stub makes them. */
  static String tokenValue(int n) {
    return "stub-token-" + n;
  }

  int tokensIssued() {
    return tokensIssued.get();
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized List<Request> apiRequests() {
    return requests.stream().filter(r -> !r.pathAndQuery().startsWith("/oauth")).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String query = ex.getRequestURI().getRawQuery();
    Request request =
        new Request(
            ex.getRequestMethod(),
            ex.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
            ex.getRequestHeaders().getFirst("Authorization"),
            body);
    Answer answer;
    synchronized (this) {
      requests.add(request);
      if (request.pathAndQuery().startsWith("/oauth/token")) {
        answer = tokenScript.isEmpty() ? null : tokenScript.poll();
      } else {
        answer = apiScript.isEmpty() ? null : apiScript.poll();
      }
    }
    if (answer == null
        && request.pathAndQuery().startsWith("/oauth/token")
        && tokenDelayMillis > 0) {
      try {
        Thread.sleep(tokenDelayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (answer == null) {
      answer =
          request.pathAndQuery().startsWith("/oauth/token")
              ? Answer.json(
                  200,
                  "{\"access_token\":\""
                      + tokenValue(tokensIssued.incrementAndGet())
                      + "\",\"token_type\":\"bearer\",\"expires_in\":"
                      + tokenLifetimeSeconds
                      + "}")
              : apiDefault.apply(request);
    }
    respond(ex, answer);
  }

  private static void respond(HttpExchange ex, Answer answer) throws IOException {
    if (answer.reset()) {
      ex.close();
      return;
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    if (answer.compressed()) {
      ByteArrayOutputStream zipped = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
        out.write(bytes);
      }
      bytes = zipped.toByteArray();
      if (answer.truncateAt() >= 0) {
        // A well-framed answer whose compressed stream breaks off.
        bytes = java.util.Arrays.copyOf(bytes, answer.truncateAt());
      }
      answer = new Answer(answer.status(), answer.headers(), "", false, -1, false);
    }
    answer.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.getResponseHeaders().add("Content-Type", "application/json");
    if (answer.truncateAt() >= 0) {
      ex.sendResponseHeaders(answer.status(), bytes.length);
      OutputStream out = ex.getResponseBody();
      out.write(bytes, 0, answer.truncateAt());
      out.flush();
      ex.close();
      return;
    }
    ex.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
