package dev.gcjobs.server;

import java.util.Locale;

/** Reads an {@code Accept-Encoding} header (RFC 9110 §12.5.3) for the one coding gcjobs sends. */
final class AcceptEncoding {
  private AcceptEncoding() {}

  /** Whether the header accepts gzip: named (or {@code *}) with a weight above zero. */
  static boolean acceptsGzip(String header) {
    if (header == null) {
      return false;
    }
    Double gzip = null;
    Double any = null;
    for (String part : header.split(",")) {
      String[] pieces = part.split(";", -1);
      String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
      double weight = weight(pieces);
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        gzip = weight;
      } else if (coding.equals("*")) {
        any = weight;
      }
    }
    if (gzip != null) {
      return gzip > 0;
    }
    return any != null && any > 0;
  }

  private static double weight(String[] pieces) {
    for (int i = 1; i < pieces.length; i++) {
      String parameter = pieces[i].strip().toLowerCase(Locale.ROOT);
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2).strip());
        } catch (NumberFormatException e) {
          // A weight nobody can read accepts nothing.
          return 0;
        }
      }
    }
    return 1;
  }
}
