package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.Durations;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.OutboundClient;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.internal.http.Deadlines;
import dev.frontdesk.gateway.internal.http.Origin;
import dev.frontdesk.gateway.internal.http.UpstreamRequest;
import dev.frontdesk.gateway.internal.http.UpstreamResponse;
import dev.frontdesk.gateway.internal.http.UpstreamTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/** The gateway's {@link OutboundClient}: one call on the upstream transport, no retries. */
public final class RealOutboundClient implements OutboundClient {
  private final UpstreamTransport transport;

  public RealOutboundClient(UpstreamTransport transport) {
    this.transport = transport;
  }

  @Override
  public Response send(String method, String url, Headers headers, Body body, Duration timeout)
      throws IOException {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    long millis = Durations.positive(timeout, "timeout").toMillis();
    URI uri = uri(url);
    Origin origin = Origin.parse(uri.getScheme() + "://" + uri.getRawAuthority());
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    UpstreamRequest request =
        new UpstreamRequest(method, origin.target(path, uri.getRawQuery()), headers, body);
    long by = Deadlines.fromNow(timeout.toNanos()); // kept by the transport alone, in real time
    UpstreamResponse response =
        transport.send(origin, request, new Deadlines(millis, millis, by, by));
    return Response.builder()
        .status(response.status())
        .headers(endToEnd(response.headers()))
        .body(response.body())
        .build();
  }

  /** The answer's headers without hop-by-hop fields and framing, which the body carries itself. */
  private static Headers endToEnd(Headers h) {
    Predicate<String> hopByHop = HopByHop.of(h.values("Connection"));
    Headers.Builder kept = Headers.builder();
    for (int i = 0, n = h.size(); i < n; i++) {
      if (!hopByHop.test(h.name(i)) && !h.name(i).equalsIgnoreCase("Content-Length")) {
        kept.add(h.name(i), h.value(i));
      }
    }
    return kept.build();
  }

  private static URI uri(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getRawAuthority() == null) {
        throw new IllegalArgumentException("url must be an absolute http(s) URL: '" + url + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url must be an absolute http(s) URL: '" + url + "'", e);
    }
  }

  @Override
  public String toString() {
    return "OutboundClient(" + transport + ")";
  }
}
