package dev.frontdesk.gateway.transform;

import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.testing.TestUpstreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;

/**
 * A gateway in front of a MockWebServer: route {@code users} ({@code /users/{id}}) and route {@code
 * all} ({@code /**}), both through the middleware under test, after one that sets an identity
 * (subject alice, claim tenant 42) when the request says {@code X-Test-User: yes}.
 */
abstract class TransformTestSupport {
  final MockWebServer upstream = TestUpstreams.started();
  Gateway gateway;

  static final Middleware TEST_IDENTITY =
      chain -> {
        Request request = chain.request();
        if (!"yes".equals(request.header("X-Test-User"))) {
          return chain.proceed(request);
        }
        Identity alice = Identity.builder("alice").consumerId("mobile").claim("tenant", 42).build();
        return chain.proceed(request.newBuilder().attribute(Attributes.IDENTITY, alice).build());
      };

  Gateway start(Middleware... middleware) {
    String url = TestUpstreams.baseUrl(upstream);
    gateway =
        Gateway.builder()
            .route(
                "users", r -> r.path("/users/{id}").use(TEST_IDENTITY).use(middleware).proxyTo(url))
            .route("all", r -> r.path("/**").use(TEST_IDENTITY).use(middleware).proxyTo(url))
            .build();
    return gateway;
  }

  @AfterEach
  void closeAll() {
    if (gateway != null) {
      gateway.close();
    }
    upstream.close();
  }

  Response get(String target, String... headers) {
    return send("GET", target, null, headers);
  }

  Response send(String method, String target, Body body, String... headers) {
    Request.Builder b = Request.builder().method(method).target(target);
    for (String header : headers) {
      int colon = header.indexOf(':');
      b.addHeader(header.substring(0, colon), header.substring(colon + 1).strip());
    }
    if (body != null) {
      b.body(body);
    }
    return gateway.handle(b.build());
  }

  static String body(Response response) {
    try (response) {
      return response.body().string();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse ok(String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(200).body(body);
    for (String header : headers) {
      int colon = header.indexOf(':');
      b.addHeader(header.substring(0, colon), header.substring(colon + 1).strip());
    }
    return b.build();
  }

  /**
   * Makes the upstream serve {@code body} as a server that does ranges would: {@code Accept-Ranges:
   * bytes} on every answer, and a 206 of the bytes from N for {@code Range: bytes=N-}.
   */
  void serveWithRanges(String body, String... headers) {
    upstream.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String range = request.getHeaders().get("Range");
            String part = body;
            MockResponse.Builder b = new MockResponse.Builder().code(200);
            if (range != null && range.matches("bytes=\\d+-")) {
              int from = Integer.parseInt(range.substring(6, range.length() - 1));
              part = body.substring(from);
              b.code(206)
                  .addHeader(
                      "Content-Range",
                      "bytes " + from + "-" + (body.length() - 1) + "/" + body.length());
            }
            b.addHeader("Accept-Ranges", "bytes").body(part);
            for (String header : headers) {
              int colon = header.indexOf(':');
              b.addHeader(header.substring(0, colon), header.substring(colon + 1).strip());
            }
            return b.build();
          }
        });
  }

  static MockResponse okGzip(String body, String... headers) {
    MockResponse.Builder b =
        new MockResponse.Builder()
            .code(200)
            .body(new Buffer().write(gzip(body)))
            .addHeader("Content-Encoding", "gzip");
    for (String header : headers) {
      int colon = header.indexOf(':');
      b.addHeader(header.substring(0, colon), header.substring(colon + 1).strip());
    }
    return b.build();
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(Response response) {
    try (response) {
      return response.body().bytes(64 << 20);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
