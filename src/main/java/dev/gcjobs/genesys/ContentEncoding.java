package dev.gcjobs.genesys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.zip.GZIPInputStream;

/**
 * Undoes the gzip compression gcjobs asks Genesys for ({@code Accept-Encoding: gzip}): results
 * pages shrink about tenfold on the wire, and the records handed on are the bytes Genesys
 * compressed.
 */
final class ContentEncoding {
  /** The request header value. */
  static final String ACCEPTED = "gzip";

  private ContentEncoding() {}

  /** The body as Genesys wrote it before compressing. */
  static byte[] decode(HttpHeaders headers, byte[] body) throws MalformedResponseException {
    String encoding = headers.firstValue("Content-Encoding").orElse("identity").strip();
    if (encoding.equalsIgnoreCase("identity") || body.length == 0) {
      return body;
    }
    if (!encoding.equalsIgnoreCase("gzip")) {
      throw new MalformedResponseException(
          "the answer uses content encoding '" + encoding + "', which was not asked for", null);
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new MalformedResponseException(
          "the gzip-compressed answer is truncated or damaged ("
              + e.getClass().getSimpleName()
              + ")",
          null);
    }
  }
}
