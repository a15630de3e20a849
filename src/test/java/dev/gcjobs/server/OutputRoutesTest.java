package dev.gcjobs.server;

import static dev.gcjobs.server.ExportRoutesTest.assertError;
import static dev.gcjobs.server.ExportRoutesTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class OutputRoutesTest {
  @TempDir Path stateDir;
  RunningService service;
  String id;
  List<String> records;

  @BeforeEach
  void start() {
    service = new RunningService(stateDir);
    id = json(service.client.post("/v1/exports", ExportRoutesTest.BODY)).get("id").asText();
    records =
        IntStream.range(0, 25)
            .mapToObj(i -> "{\"conversationId\":\"c" + i + "\",\"n\":" + i + ",\"s\":\"é\\n\"}")
            .toList();
  }

  @AfterEach
  void stop() {
    service.close();
  }

  private String ndjson() {
    StringBuilder text = new StringBuilder();
    records.forEach(r -> text.append(r).append('\n'));
    return text.toString();
  }

  @Test
  void recordsOfARunningExportAreAConflictThatSaysWhy() {
    HttpResponse<String> response = service.client.get("/v1/exports/" + id + "/records");

    assertError(response, 409, "export_not_done", null);
    assertThat(json(response).at("/error/message").asText()).contains("RUNNING");
    assertError(
        service.client.get("/v1/exports/" + id + "/download"), 409, "export_not_done", null);
  }

  @Test
  void pagesGiveEveryRecordOnceInFileOrderUntilTheCursorIsNull() {
    service.exports.finish(id, records);

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String query = "?limit=10" + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page = json(service.client.get("/v1/exports/" + id + "/records" + query));
      page.get("records").forEach(r -> seen.add(r.toString()));
      assertThat(page.get("count").asInt()).isEqualTo(page.get("records").size());
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(records);
  }

  @Test
  void anExportWithoutRecordsHasOneEmptyPage() {
    service.exports.finish(id, List.of());

    JsonNode page = json(service.client.get("/v1/exports/" + id + "/records"));

    assertThat(page.get("records")).isEmpty();
    assertThat(page.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void aForgedOrForeignCursorIsRejected() {
    service.exports.finish(id, records);
    String cursor =
        json(service.client.get("/v1/exports/" + id + "/records?limit=1"))
            .get("nextCursor")
            .asText();
    String other =
        json(service.client.post("/v1/exports", "{\"interval\": \"2024-05-01/P1D\"}"))
            .get("id")
            .asText();
    service.exports.finish(other, records);
    byte[] raw = Base64.getUrlDecoder().decode(cursor);
    raw[7] += 1;
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

    assertError(
        service.client.get("/v1/exports/" + id + "/records?cursor=" + tampered),
        400,
        "invalid_cursor",
        "cursor");
    assertError(
        service.client.get("/v1/exports/" + other + "/records?cursor=" + cursor),
        400,
        "invalid_cursor",
        "cursor");
    assertError(
        service.client.get(
            "/v1/exports/"
                + id
                + "/records?cursor="
                + URLEncoder.encode("!!", StandardCharsets.UTF_8)),
        400,
        "invalid_cursor",
        "cursor");
    assertError(
        service.client.get("/v1/exports/" + id + "/records?limit=1001"),
        400,
        "invalid_parameter",
        "limit");
  }

  @Test
  void aCursorStaysValidAfterARestart() {
    service.exports.finish(id, records);
    String cursor =
        json(service.client.get("/v1/exports/" + id + "/records?limit=24"))
            .get("nextCursor")
            .asText();
    CursorCodec again = CursorCodec.forStateDir(stateDir);

    assertThat(again.decodeOffset("records:" + id, cursor)).isPositive();
  }

  @Test
  void theDownloadIsTheNdjsonFileWithItsLength() {
    service.exports.finish(id, records);

    HttpResponse<byte[]> response = service.client.getBytes("/v1/exports/" + id + "/download");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    assertThat(response.headers().firstValue("Content-Length"))
        .hasValue(Integer.toString(ndjson().getBytes(StandardCharsets.UTF_8).length));
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(ndjson());
  }

  @Test
  void theDownloadIsGzippedInTransitWhenTheClientAcceptsGzip() throws IOException {
    service.exports.finish(id, records);

    HttpResponse<byte[]> response =
        service.client.getBytes(
            "/v1/exports/" + id + "/download", "Accept-Encoding", "br;q=1, gzip;q=0.8");

    assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
    assertThat(gunzip(response.body())).isEqualTo(ndjson());
  }

  @Test
  void aGzipRefusedByWeightZeroIsNotSent() {
    service.exports.finish(id, records);

    HttpResponse<byte[]> response =
        service.client.getBytes(
            "/v1/exports/" + id + "/download", "Accept-Encoding", "gzip;q=0, *");

    assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(ndjson());
  }

  @Test
  void gzipTrueDownloadsANdjsonGzFile() throws IOException {
    service.exports.finish(id, records);

    HttpResponse<byte[]> response =
        service.client.getBytes("/v1/exports/" + id + "/download?gzip=true");

    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/gzip");
    assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValue("attachment; filename=\"" + id + ".ndjson.gz\"");
    assertThat(gunzip(response.body())).isEqualTo(ndjson());
    assertError(
        service.client.get("/v1/exports/" + id + "/download?gzip=yes"),
        400,
        "invalid_parameter",
        "gzip");
  }

  @Test
  void anOutputDeletedBehindTheServiceIsGone() throws IOException {
    service.exports.finish(id, records);
    Files.delete(service.exports.request(id).output().file());

    assertError(service.client.get("/v1/exports/" + id + "/records"), 410, "output_gone", null);
    assertError(service.client.get("/v1/exports/" + id + "/download"), 410, "output_gone", null);
  }

  private static String gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
