package dev.frontdesk.gateway.transform.internal;

import java.util.List;
import java.util.Locale;

/** Reads {@code Accept-Encoding} (RFC 9110 §12.5.3) for one question: may the answer be gzip? */
public final class AcceptEncoding {
  private AcceptEncoding() {}

  /** True when gzip (or {@code *}) is listed with a non-zero weight and gzip is not refused. */
  public static boolean acceptsGzip(List<String> fieldValues) {
    double gzip = -1;
    double any = -1;
    for (String value : fieldValues) {
      for (String member : value.split(",")) {
        String[] parts = member.split(";");
        String coding = parts[0].strip().toLowerCase(Locale.ROOT);
        double q = weight(parts);
        if (coding.equals("gzip") || coding.equals("x-gzip")) {
          gzip = Math.max(gzip, q);
        } else if (coding.equals("*")) {
          any = Math.max(any, q);
        }
      }
    }
    return gzip > 0 || (gzip < 0 && any > 0);
  }

  private static double weight(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip().toLowerCase(Locale.ROOT);
      if (p.startsWith("q=")) {
        try {
          return Double.parseDouble(p.substring(2).strip());
        } catch (NumberFormatException e) {
          return 0; // an unreadable weight is no consent
        }
      }
    }
    return 1;
  }
}
