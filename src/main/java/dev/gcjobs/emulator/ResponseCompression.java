package dev.gcjobs.emulator;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips an API answer when the request says {@code Accept-Encoding: gzip}, as Genesys' edge does,
 * so clients' decoding is exercised over real HTTP. Plain otherwise: tests reading raw bodies with
 * a client that asks for nothing are unaffected.
 */
final class ResponseCompression {
  private ResponseCompression() {}

  /** Whether the client accepts a gzipped answer. */
  static boolean wanted(Context ctx) {
    return acceptsGzip(ctx.header("Accept-Encoding"));
  }

  /** {@code body} gzipped, with the headers that say so set on the answer. */
  static byte[] compress(Context ctx, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
    // The fastest level: the emulator must not become what limits an export benchmark.
    try (GZIPOutputStream gzip =
        new GZIPOutputStream(out) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      gzip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen in memory
    }
    ctx.header("Content-Encoding", "gzip");
    ctx.header("Vary", "Accept-Encoding");
    return out.toByteArray();
  }

  /** {@code gzip} listed, and not with {@code q=0} (RFC 9110: not acceptable). */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
      String[] coding = part.trim().split(";");
      if (coding[0].trim().equals("gzip") || coding[0].trim().equals("*")) {
        return coding.length < 2 || !coding[1].replace(" ", "").matches("q=0(\\.0*)?");
      }
    }
    return false;
  }
}
