package dev.frontdesk.gateway.internal.http;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * The transport over a user's own {@link OkHttpClient} (their TLS settings, proxies, interceptors,
 * HTTP/2). The gateway derives variants with {@code newBuilder()} that never follow redirects nor
 * retry on their own, shares the user's pool and dispatcher, and does not close the client.
 */
public final class OkHttpTransport implements UpstreamTransport {
  private final OkHttpClient client;

  /** Variants of {@link #client} per route timeouts (connect, read), made once and shared. */
  private final ConcurrentHashMap<List<Long>, OkHttpClient> withTimeouts =
      new ConcurrentHashMap<>();

  public OkHttpTransport(OkHttpClient client) {
    this.client =
        client.followRedirects() || client.followSslRedirects() || client.retryOnConnectionFailure()
            ? client
                .newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .build()
            : client;
  }

  @Override
  public UpstreamResponse send(Origin origin, UpstreamRequest request, Deadlines deadlines)
      throws IOException {
    okhttp3.Request sent = okRequest(origin, request);
    try {
      return execute(origin, sent, deadlines);
    } catch (IOException e) {
      if (!request.isSafe()
          || !request.body().isEmpty()
          || e instanceof InterruptedIOException
          || e instanceof ConnectException
          || e instanceof java.net.ProtocolException) {
        throw e; // only a connection that closed before answering is worth one more try
      }
      return execute(origin, sent, deadlines); // a stale pooled connection (see UpstreamTransport)
    }
  }

  private UpstreamResponse execute(Origin origin, okhttp3.Request sent, Deadlines d)
      throws IOException {
    Call call = configured(d.connectMillis(), d.readMillis()).newCall(sent);
    long until = Math.min(d.headersBy(), d.callBy());
    if (until != Deadlines.NONE) {
      call.timeout()
          .deadlineNanoTime(until); // the whole call; a tighter headers-only bound needs a timer
    }
    okhttp3.Response response = call.execute();
    try {
      if (response.code() < 100 || response.code() > 599) {
        throw new IllegalArgumentException("status code outside 100-599: " + response.code());
      }
      return new UpstreamResponse(
          response.code(),
          headers(response.headers()),
          body(response),
          origin,
          protocol(response.protocol()));
    } catch (IllegalArgumentException e) {
      // OkHttp parses leniently; what our model refuses cannot be forwarded faithfully.
      response.close();
      throw new java.net.ProtocolException(
          "the upstream sent an unforwardable response: " + e.getMessage());
    }
  }

  /** The client with these timeouts; shares its pool and dispatcher. */
  private OkHttpClient configured(long connectMillis, long readMillis) {
    if (client.connectTimeoutMillis() == connectMillis
        && client.readTimeoutMillis() == readMillis) {
      return client;
    }
    return withTimeouts.computeIfAbsent(
        List.of(connectMillis, readMillis),
        k ->
            client
                .newBuilder()
                .connectTimeout(connectMillis, TimeUnit.MILLISECONDS)
                .readTimeout(readMillis, TimeUnit.MILLISECONDS)
                .writeTimeout(readMillis, TimeUnit.MILLISECONDS)
                .build());
  }

  private static okhttp3.Request okRequest(Origin origin, UpstreamRequest request) {
    HttpUrl url = HttpUrl.get(origin.scheme() + "://" + origin.authority() + request.target());
    okhttp3.Request.Builder b = new okhttp3.Request.Builder().url(url);
    Headers h = request.headers();
    for (int i = 0, n = h.size(); i < n; i++) {
      b.addHeader(h.name(i), h.value(i));
    }
    Body body = request.body();
    RequestBody requestBody =
        body.isEmpty()
            ? (request.requiresBody() ? RequestBody.create(new byte[0]) : null)
            : new StreamedBody(body);
    return b.method(request.method(), requestBody).build();
  }

  private static String protocol(okhttp3.Protocol protocol) {
    return switch (protocol) {
      case HTTP_1_0 -> "HTTP/1.0";
      case HTTP_2, H2_PRIOR_KNOWLEDGE -> "HTTP/2";
      case QUIC, HTTP_3 -> "HTTP/3";
      default -> "HTTP/1.1";
    };
  }

  private static Headers headers(okhttp3.Headers h) {
    Headers.Builder b = Headers.builder();
    for (int i = 0, n = h.size(); i < n; i++) {
      b.add(h.name(i), h.value(i));
    }
    return b.build();
  }

  private static Body body(okhttp3.Response response) {
    InputStream in = response.body().byteStream();
    return Body.of(
        new java.io.FilterInputStream(in) {
          @Override
          public void close() {
            response.close();
          }
        },
        response.body().contentLength());
  }

  /** The gateway does not own a user's client: it leaves its pool and threads alone. */
  @Override
  public void close() {}

  private static final class StreamedBody extends RequestBody {
    private final Body body;

    StreamedBody(Body body) {
      this.body = body;
    }

    @Override
    public @Nullable MediaType contentType() {
      return null; // the client's Content-Type header is forwarded as sent
    }

    @Override
    public long contentLength() {
      return body.contentLength();
    }

    @Override
    public boolean isOneShot() {
      return !body.isReplayable();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try (InputStream in = body.stream()) {
        sink.writeAll(Okio.source(in));
      }
    }
  }
}
