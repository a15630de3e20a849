package dev.gcjobs.genesys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

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
    boolean gzip = encoding.equalsIgnoreCase("gzip");
    // Not asked for, but proxies and error pages in front of Genesys send it.
    boolean deflate = encoding.equalsIgnoreCase("deflate");
    if (!gzip && !deflate) {
      throw new MalformedResponseException(
          "the answer uses content encoding '" + encoding + "', which was not asked for", null);
    }
    try (InputStream in =
        gzip
            ? new GZIPInputStream(new ByteArrayInputStream(body))
            : new InflaterInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new MalformedResponseException(
          "the "
              + encoding.toLowerCase(Locale.ROOT)
              + "-compressed answer is truncated or damaged ("
              + e.getClass().getSimpleName()
              + ")",
          null);
    }
  }
}
