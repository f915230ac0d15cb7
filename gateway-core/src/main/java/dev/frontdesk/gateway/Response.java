package dev.frontdesk.gateway;

import java.io.Closeable;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP response: status, headers and a body that is read once. Immutable; derive changes with
 * {@link #newBuilder()}.
 *
 * <p>A proxied response holds an upstream connection until its body is read to the end or the
 * response is {@linkplain #close() closed}. The servlet adapter does both; code that calls {@link
 * Gateway#handle(Request)} directly should use try-with-resources.
 *
 * <p>{@code Content-Length} and {@code Transfer-Encoding} never appear in {@link #headers()}: the
 * body's {@link Body#contentLength()} is the one source of truth for framing, so a middleware that
 * replaces a body cannot leave a stale length behind.
 */
public final class Response implements Closeable {
  private final int status;
  private final Headers headers;
  private final Body body;
  private final @Nullable String requestId;
  private final @Nullable Upgrade upgrade;

  private Response(Builder b) {
    this.status = b.status;
    this.headers = b.editedHeaders != null ? b.editedHeaders.build() : b.headers;
    this.body = b.body;
    this.requestId = b.requestId;
    this.upgrade = b.upgrade;
  }

  private Response(Response r, String requestId) {
    this.status = r.status;
    this.headers = r.headers;
    this.body = r.body;
    this.requestId = requestId;
    this.upgrade = r.upgrade;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A response with this status, no headers and an empty body. */
  public static Response of(int status) {
    return builder().status(status).build();
  }

  public int status() {
    return status;
  }

  public Headers headers() {
    return headers;
  }

  public @Nullable String header(String name) {
    return headers.get(name);
  }

  public Body body() {
    return body;
  }

  /**
   * The id of the request this answers, as sent upstream in {@code X-Request-Id}: set by the
   * gateway on every response it returns, kept by {@link #newBuilder()}, and null on a response
   * that has not been through a gateway yet. A host that must answer a late failure itself (see
   * {@link GatewayException#toResponse}) takes the id from here.
   */
  public @Nullable String requestId() {
    return requestId;
  }

  /**
   * The protocol that takes over the connection when this is a {@code 101 Switching Protocols}
   * answer (a WebSocket route's), or null. A host switches only when the status is still 101: if a
   * middleware answered something else, the host {@linkplain Upgrade#close() closes} it instead.
   * Closing the response does not close it, since a host starts it after the response is written.
   */
  public @Nullable Upgrade upgrade() {
    return upgrade;
  }

  /** This response, tagged with the id of the request it answers; cheap, as nothing is copied. */
  Response withRequestId(String id) {
    return id.equals(requestId) ? this : new Response(this, id);
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Closes the body, releasing any upstream connection behind it. */
  @Override
  public void close() throws IOException {
    body.close();
  }

  @Override
  public String toString() {
    return "Response{" + status + ", " + headers + ", " + body + "}";
  }

  /**
   * Builds a {@link Response}. Defaults: status 200, no headers, an empty body. The headers are
   * copied only once one is changed: a response rebuilt with a new body keeps its headers as they
   * are.
   */
  public static final class Builder {
    private int status = 200;
    private Headers headers = Headers.empty();
    private Headers.@Nullable Builder editedHeaders;
    private Body body = Body.empty();
    private @Nullable String requestId;
    private @Nullable Upgrade upgrade;

    private Builder() {}

    private Builder(Response r) {
      this.status = r.status;
      this.headers = r.headers;
      this.body = r.body;
      this.requestId = r.requestId;
      this.upgrade = r.upgrade;
    }

    /** The status code, 100 to 599. */
    public Builder status(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status must be 100..599: " + status);
      }
      this.status = status;
      return this;
    }

    /** Sets a header, replacing its other values. */
    public Builder header(String name, String value) {
      checkFraming(name);
      editHeaders().set(name, value);
      return this;
    }

    public Builder addHeader(String name, String value) {
      checkFraming(name);
      editHeaders().add(name, value);
      return this;
    }

    public Builder removeHeader(String name) {
      editHeaders().remove(name);
      return this;
    }

    /** Replaces all headers; they were checked when they were built, all but the framing fields. */
    public Builder headers(Headers replacement) {
      Objects.requireNonNull(replacement, "replacement");
      for (int i = 0, n = replacement.size(); i < n; i++) {
        checkFraming(replacement.name(i));
      }
      this.headers = replacement;
      this.editedHeaders = null;
      return this;
    }

    public Builder body(Body body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /** Sets the body to the UTF-8 text and its {@code Content-Type}. */
    public Builder body(String contentType, String text) {
      header("Content-Type", contentType);
      return body(Body.of(text));
    }

    /**
     * The protocol that takes over the connection after this 101 answer; see {@link
     * Response#upgrade()}.
     */
    public Builder upgrade(Upgrade upgrade) {
      this.upgrade = Objects.requireNonNull(upgrade, "upgrade");
      return this;
    }

    public Response build() {
      return new Response(this);
    }

    private Headers.Builder editHeaders() {
      if (editedHeaders == null) {
        editedHeaders = headers.newBuilder();
      }
      return editedHeaders;
    }

    private static void checkFraming(String name) {
      if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
        throw new IllegalArgumentException(
            name + " is set from the body's length; do not set it as a header");
      }
    }
  }
}
