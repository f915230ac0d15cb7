package dev.frontdesk.gateway.servlet.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Enumeration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a servlet request into a gateway {@link Request}, and a gateway {@link Response} back out.
 */
public final class ServletExchange {
  private static final Logger log = LoggerFactory.getLogger(ServletExchange.class);
  private static final int BUFFER_SIZE = 16 * 1024;

  private ServletExchange() {}

  /** The gateway's view of a servlet request; the body stays unread until someone streams it. */
  public static Request request(HttpServletRequest req) throws IOException {
    String uri = req.getRequestURI();
    String context = req.getContextPath();
    String path = context.isEmpty() ? uri : uri.substring(context.length());
    Headers.Builder headers = Headers.builder();
    for (Enumeration<String> names = req.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      for (Enumeration<String> values = req.getHeaders(name); values.hasMoreElements(); ) {
        headers.add(name, values.nextElement());
      }
    }
    Headers h = headers.build();
    return Request.builder()
        .method(req.getMethod())
        .protocol(protocol(req.getProtocol()))
        .scheme(req.getScheme())
        .host(req.getServerName())
        .port(req.getServerPort())
        .path(path.isEmpty() ? "/" : path)
        .query(req.getQueryString())
        .headers(h)
        .body(body(req, h))
        .remoteAddress(req.getRemoteAddr())
        .build();
  }

  /** The container's protocol name when the gateway knows it; anything else (HTTP/0.9) as 1.1. */
  private static String protocol(String protocol) {
    return switch (protocol) {
      case "HTTP/1.0", "HTTP/2", "HTTP/2.0", "HTTP/3", "HTTP/3.0" -> protocol;
      default -> "HTTP/1.1";
    };
  }

  private static Body body(HttpServletRequest req, Headers headers) throws IOException {
    long length = req.getContentLengthLong();
    if (length > 0) {
      return Body.of(req.getInputStream(), length);
    }
    String te = headers.get("Transfer-Encoding");
    if (length == -1 && te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      return Body.of(req.getInputStream(), -1);
    }
    return Body.empty();
  }

  /**
   * Writes the response and streams its body, flushing whenever the upstream pauses so that
   * streamed responses (server-sent events) reach the client as they are produced. If the upstream
   * fails mid-body, the failure is rethrown so that the container aborts the connection: a client
   * must never take a truncated body for a complete one.
   *
   * @param request the request {@code response} answers, named in a late 502's problem
   */
  public static void write(Request request, Response response, HttpServletResponse resp)
      throws IOException {
    try (InputStream in = writeHead(response, resp)) {
      if (in != null) {
        copy(in, resp, request, response);
      }
    }
  }

  /** Writes status and headers; the body's stream, or null when there is no body to copy. */
  private static @Nullable InputStream writeHead(Response response, HttpServletResponse resp)
      throws IOException {
    resp.setStatus(response.status());
    copyHeaders(response, resp);
    Body body = response.body();
    long length = body.contentLength();
    if (length >= 0) {
      resp.setContentLengthLong(length);
    }
    return length == 0 ? null : body.stream();
  }

  /** Copies the response's headers, and its request id as {@code X-Request-Id}. */
  static void copyHeaders(Response response, HttpServletResponse resp) {
    Headers headers = response.headers();
    for (int i = 0, n = headers.size(); i < n; i++) {
      String name = headers.name(i);
      if (firstOccurrence(headers, i)) {
        resp.setHeader(name, headers.value(i)); // replaces the container's own Date, if any
      } else {
        resp.addHeader(name, headers.value(i));
      }
    }
    String requestId = response.requestId();
    if (requestId != null) {
      resp.setHeader(
          "X-Request-Id", requestId); // every answer names its request, the upstream's too
    }
  }

  /** The problem a client gets when the upstream broke before anything was committed. */
  private static Response upstreamBroke(Request request, Response response) {
    return GatewayException.badGateway(
            "the upstream broke the connection before its body was complete")
        .toResponse(response.requestId(), request.path());
  }

  private static boolean firstOccurrence(Headers headers, int index) {
    String name = headers.name(index);
    for (int j = 0; j < index; j++) {
      if (headers.name(j).equalsIgnoreCase(name)) {
        return false;
      }
    }
    return true;
  }

  private static void copy(
      InputStream in, HttpServletResponse resp, Request request, Response response)
      throws IOException {
    long length = response.body().contentLength();
    OutputStream out = resp.getOutputStream();
    if (in instanceof ReadableByteChannel channel && (length < 0 || length >= BUFFER_SIZE)) {
      MethodHandle writer = DirectWrites.writer(out.getClass());
      if (writer != null) {
        copyDirect(channel, in, out, writer, resp, request, response);
        return;
      }
    }
    // A body of known length needs no more room than it has (+1 to see its end in one read): a
    // buffer per response is most of what the proxy path allocates.
    byte[] buffer = new byte[length >= 0 && length < BUFFER_SIZE ? (int) length + 1 : BUFFER_SIZE];
    long written = 0;
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (IOException upstreamBroke) {
        upstreamFailed(resp, written, upstreamBroke, request, response);
        return;
      }
      if (n == -1) {
        return;
      }
      try {
        out.write(buffer, 0, n);
        written += n;
        flushIfPaused(in, out, written, length, n < buffer.length);
      } catch (IOException clientGone) {
        clientGone(request, response, written, clientGone);
        return;
      }
    }
  }

  /**
   * The same copy through a pooled direct buffer, for a large body that the upstream connection
   * reads into any buffer and a container that writes one: no copy of it in the JVM on Jetty.
   */
  private static void copyDirect(
      ReadableByteChannel channel,
      InputStream in,
      OutputStream out,
      MethodHandle writer,
      HttpServletResponse resp,
      Request request,
      Response response)
      throws IOException {
    long length = response.body().contentLength();
    ByteBuffer buffer = DirectWrites.take();
    long written = 0;
    while (true) {
      int n;
      try {
        n = channel.read(buffer.clear());
      } catch (IOException upstreamBroke) {
        DirectWrites.give(buffer);
        upstreamFailed(resp, written, upstreamBroke, request, response);
        return;
      }
      if (n == -1) {
        DirectWrites.give(buffer);
        return;
      }
      try {
        DirectWrites.write(writer, out, buffer.flip());
        written += n;
        flushIfPaused(in, out, written, length, n < buffer.capacity());
      } catch (IOException clientGone) {
        clientGone(request, response, written, clientGone); // the container may hold the buffer
        return;
      }
    }
  }

  /**
   * The upstream paused: pass on what we have. Only a short read can be a pause (asking the socket
   * costs a system call); a full buffer is more than Jetty aggregates (8 KiB) or Tomcat buffers (8
   * KiB), so the container has already passed it on.
   */
  private static void flushIfPaused(
      InputStream in, OutputStream out, long written, long length, boolean shortRead)
      throws IOException {
    if (written != length && shortRead && in.available() == 0) {
      out.flush();
    }
  }

  private static void clientGone(
      Request request, Response response, long written, IOException clientGone) {
    log.warn(
        "{} {} (id {}): the client went away after {} bytes of the response: {}",
        request.method(),
        request.path(),
        response.requestId(),
        written,
        clientGone.toString());
  }

  /**
   * Before the response is committed the client can still be told the truth with a 502; after that
   * only a broken connection says the body is incomplete. Rethrowing is how a servlet asks for
   * that: Jetty aborts a committed response on an exception, Tomcat's error valve closes the
   * connection (both proven by the integration suite), so a chunked response never gets its
   * terminating chunk and a fixed-length one ends short.
   */
  private static void upstreamFailed(
      HttpServletResponse resp, long written, IOException e, Request request, Response response)
      throws IOException {
    if (resp.isCommitted()) {
      log.warn(
          "{} {} (id {}): the upstream broke after {} bytes of its body; the client's response is cut off: {}",
          request.method(),
          request.path(),
          response.requestId(),
          written,
          e.getMessage());
      throw ContainerAbort.of(resp, e);
    }
    log.warn(
        "{} {} (id {}): the upstream broke before the response was committed; answering 502: {}",
        request.method(),
        request.path(),
        response.requestId(),
        e.getMessage());
    Response lateProblem = upstreamBroke(request, response);
    resp.reset();
    try (InputStream in = writeHead(lateProblem, resp)) {
      if (in != null) {
        resp.getOutputStream().write(in.readAllBytes());
      }
    }
  }
}
