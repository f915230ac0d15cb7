package dev.frontdesk.gateway.cache.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Conditional requests (RFC 9110 §13): the cache's own to revalidate, and the client's to answer.
 */
final class Conditionals {
  /** RFC 9110 §15.4.5: what a 304 carries of the response it stands for. */
  private static final List<String> NOT_MODIFIED_FIELDS =
      List.of(
          "Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Last-Modified", "Vary");

  private Conditionals() {}

  /** RFC 9111 §4.3.1: the request with the stored response's validators instead of the client's. */
  static Request revalidating(Request request, StoredResponse stored) {
    Request.Builder b =
        request.newBuilder().removeHeader("If-None-Match").removeHeader("If-Modified-Since");
    if (stored.etag != null) {
      b.header("If-None-Match", stored.etag);
    }
    if (stored.lastModified != null) {
      b.header("If-Modified-Since", stored.lastModified);
    }
    return b.build();
  }

  /**
   * Whether the client's own conditional request is answered 304 by {@code stored} (RFC 9110
   * §13.2.2): {@code If-None-Match} by weak comparison, or {@code *} for any stored response with
   * or without an ETag (§13.1.2), else {@code If-Modified-Since}.
   */
  static boolean notModified(Request request, StoredResponse stored, long now) {
    if (stored.status != 200) {
      return false;
    }
    List<String> noneMatch = request.headers().values("If-None-Match");
    if (!noneMatch.isEmpty()) {
      return anyMatches(noneMatch, stored.etag);
    }
    Long modified = stored.lastModifiedMillis; // parsed when stored
    if (modified == null) {
      return false;
    }
    Long since = HttpDate.parse(request.header("If-Modified-Since"), now);
    return since != null && modified <= since;
  }

  static Response notModifiedResponse(StoredResponse stored, String age, String cacheStatus) {
    Response.Builder b = Response.builder().status(304);
    for (String name : NOT_MODIFIED_FIELDS) {
      for (String value : stored.headers.values(name)) {
        b.addHeader(name, value);
      }
    }
    return b.header("Age", age).header("Cache-Status", cacheStatus).body(Body.empty()).build();
  }

  private static boolean anyMatches(List<String> fieldValues, @Nullable String etag) {
    String opaque = etag == null ? null : opaque(etag);
    for (String value : fieldValues) {
      for (String tag : value.split(",")) {
        String t = tag.strip();
        if (t.equals("*") || opaque(t).equals(opaque)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The opaque tag without a weakness indicator: weak comparison (RFC 9110 §8.8.3.2). */
  private static String opaque(@Nullable String tag) {
    String t = tag == null ? "" : tag.strip();
    return t.startsWith("W/") ? t.substring(2) : t;
  }
}
