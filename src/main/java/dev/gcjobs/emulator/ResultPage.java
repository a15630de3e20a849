package dev.gcjobs.emulator;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes one page of records by copying each record's JSON bytes, without parsing them: {@code
 * {"<array>":[...],"cursor":"...","dataAvailabilityDate":"..."}} for job results and {@code
 * {"conversations":[...],"totalHits":N}} for the synchronous query. An empty page leaves the array
 * out, as Genesys does.
 */
final class ResultPage {
  private ResultPage() {}

  /** A job results page; {@code cursor} is null on the last page. */
  static byte[] jobResults(
      String array, List<EmulatedRecord> records, String cursor, String dataAvailabilityDate) {
    StringBuilder tail = new StringBuilder();
    if (cursor != null) {
      tail.append("\"cursor\":\"").append(cursor).append("\",");
    }
    tail.append("\"dataAvailabilityDate\":\"").append(dataAvailabilityDate).append("\"}");
    return assemble(array, records, tail.toString());
  }

  /** A synchronous query page. */
  static byte[] syncQuery(List<EmulatedRecord> records, long totalHits) {
    return assemble("conversations", records, "\"totalHits\":" + totalHits + "}");
  }

  private static byte[] assemble(String array, List<EmulatedRecord> records, String tail) {
    byte[] head = ("{\"" + array + "\":[").getBytes(StandardCharsets.UTF_8);
    byte[] end = tail.getBytes(StandardCharsets.UTF_8);
    if (records.isEmpty()) {
      byte[] out = new byte[1 + end.length];
      out[0] = '{';
      System.arraycopy(end, 0, out, 1, end.length);
      return out;
    }
    int size = head.length + records.size() + 1 + end.length; // commas, "]," and the tail
    for (EmulatedRecord r : records) {
      size += r.json().length;
    }
    byte[] out = new byte[size];
    System.arraycopy(head, 0, out, 0, head.length);
    int at = head.length;
    for (int i = 0; i < records.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] json = records.get(i).json();
      System.arraycopy(json, 0, out, at, json.length);
      at += json.length;
    }
    out[at++] = ']';
    out[at++] = ',';
    System.arraycopy(end, 0, out, at, end.length);
    return out;
  }
}
