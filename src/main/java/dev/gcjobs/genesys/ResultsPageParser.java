package dev.gcjobs.genesys;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one results page of an analytics detail job ({@code {"conversations": [...], "cursor": ...,
 * "dataAvailabilityDate": ...}}) with Jackson's streaming parser: each record is copied out as the
 * exact bytes Genesys sent, never decoded into objects and written again, so fields newer than
 * gcjobs survive and the page costs one pass over its bytes.
 *
 * <p>The whole page is checked before any record is returned: a truncated body, a body that is not
 * JSON, or data after the page's object is a {@link MalformedResponseException}, so that a cut page
 * is fetched again rather than half delivered.
 */
final class ResultsPageParser {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * The records, cursor and availability date of a page.
   *
   * @param records each record's bytes, in page order
   * @param cursor the next page's cursor, or null on the last page
   * @param dataAvailabilityDate the page's availability date, or null
   */
  record Page(List<byte[]> records, String cursor, Instant dataAvailabilityDate) {}

  private ResultsPageParser() {}

  /**
   * Parses {@code body}, whose records are in the array {@code recordsField}. A page without that
   * array (or with null) has no records.
   */
  static Page parse(byte[] body, String recordsField) throws MalformedResponseException {
    List<byte[]> records = List.of();
    String cursor = null;
    Instant availability = null;
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("the results page is not a JSON object", p);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        if (field.equals(recordsField)) {
          records = records(body, p, recordsField);
        } else if (field.equals("cursor")) {
          cursor = text(p, value, "cursor");
        } else if (field.equals("dataAvailabilityDate")) {
          String date = text(p, value, "dataAvailabilityDate");
          availability = IsoInstant.parse(date);
          if (availability == null) {
            throw malformed("dataAvailabilityDate '" + date + "' is not an ISO-8601 date", p);
          }
        } else {
          p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw malformed("the results page is not a JSON object", p);
      }
      // Anything after the page's object means two answers ran together or the body is damaged.
      if (p.nextToken() != null) {
        throw malformed("data follows the results page's JSON object", p);
      }
    } catch (MalformedResponseException e) {
      throw e;
    } catch (IOException e) {
      throw new MalformedResponseException(
          "the results page is truncated or not JSON ("
              + body.length
              + " bytes; "
              + e.getClass().getSimpleName()
              + ")",
          null);
    }
    return new Page(records, cursor, availability);
  }

  private static List<byte[]> records(byte[] body, JsonParser p, String recordsField)
      throws IOException, MalformedResponseException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw malformed(recordsField + " is not an array", p);
    }
    List<byte[]> records = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        throw malformed(recordsField + "[" + records.size() + "] is not a JSON object", p);
      }
      long start = p.currentTokenLocation().getByteOffset();
      p.skipChildren();
      long end = p.currentLocation().getByteOffset();
      records.add(Arrays.copyOfRange(body, (int) start, (int) end));
    }
    return records;
  }

  private static String text(JsonParser p, JsonToken value, String field)
      throws IOException, MalformedResponseException {
    if (value != JsonToken.VALUE_STRING) {
      throw malformed(field + " is not a string", p);
    }
    return p.getText();
  }

  private static MalformedResponseException malformed(String what, JsonParser p) {
    return new MalformedResponseException(
        what + " (at byte " + p.currentLocation().getByteOffset() + ")", null);
  }
}
