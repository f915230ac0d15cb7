package dev.frontdesk.gateway.cache;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.FakeClock;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** A gateway proxying everything to a MockWebServer through one cache, and a few shorthands. */
abstract class CacheTestSupport {
  static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
  final FakeClock clock = FakeClock.at(START);
  final MockWebServer upstream = TestUpstreams.started();
  Gateway gateway;

  Gateway start(ResponseCache cache) {
    gateway = TestUpstreams.proxyAll(upstream, b -> b.use(cache));
    return gateway;
  }

  /**
   * An IMF-fixdate {@code seconds} from now on the test's clock, for Date, Expires and
   * Last-Modified.
   */
  String httpDate(long seconds) {
    return httpDate(seconds, "IMF-fixdate");
  }

  /**
   * {@link #httpDate(long)} in one of RFC 9110 §5.6.7's forms: {@code IMF-fixdate}, the obsolete
   * {@code rfc850-date} ({@code Sunday, 06-Nov-94 08:49:37 GMT}) or {@code asctime-date} ({@code
   * Sun Nov 6 08:49:37 1994}).
   */
  String httpDate(long seconds, String form) {
    DateTimeFormatter format =
        switch (form) {
          case "IMF-fixdate" -> DateTimeFormatter.RFC_1123_DATE_TIME;
          case "rfc850-date" ->
              DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US);
          case "asctime-date" ->
              DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);
          default -> throw new IllegalArgumentException(form);
        };
    return format.format(
        ZonedDateTime.ofInstant(clock.instant().plusSeconds(seconds), ZoneOffset.UTC));
  }

  ResponseCache.Builder cache() {
    return ResponseCache.builder().clock(clock);
  }

  @org.junit.jupiter.api.AfterEach
  void closeAll() {
    if (gateway != null) {
      gateway.close();
    }
    upstream.close();
  }

  /** A GET with {@code Name: value} headers. */
  Response get(String target, String... headers) {
    return send("GET", target, headers);
  }

  Response send(String method, String target, String... headers) {
    Request.Builder b = Request.builder().method(method).target(target);
    for (String header : headers) {
      int colon = header.indexOf(':');
      b.addHeader(header.substring(0, colon), header.substring(colon + 1).strip());
    }
    return gateway.handle(b.build());
  }

  /** The response's body as text, closing it. */
  static String body(Response response) {
    try (response) {
      return response.body().string();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A 200 with this body and {@code Name: value} headers. */
  static MockResponse ok(String body, String... headers) {
    return response(200, body, headers);
  }

  static MockResponse response(int code, String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code).body(body);
    for (String header : headers) {
      int colon = header.indexOf(':');
      b.addHeader(header.substring(0, colon), header.substring(colon + 1).strip());
    }
    return b.build();
  }
}
