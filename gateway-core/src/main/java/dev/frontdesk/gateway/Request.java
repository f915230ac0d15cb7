package dev.frontdesk.gateway;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as the gateway sees it. Immutable; middleware that changes a request builds a new
 * one with {@link #newBuilder()} and passes it to {@link Middleware.Chain#proceed(Request)}.
 *
 * <p>{@link #path()} is the raw, percent-encoded path. Before routing, the gateway replaces it with
 * its canonical form (see the README's "Path normalisation"), and that is what routes match and
 * what upstreams receive.
 *
 * <pre>{@code
 * Request request = Request.builder().method("POST").target("/api/orders?dry-run=true")
 *     .header("Content-Type", "application/json").body(Body.of("{}")).build();
 * }</pre>
 */
public final class Request {
  private final String method;
  private final String protocol;
  private final String scheme;
  private final String host;
  private final int port;
  private final String path;
  private final @Nullable String query;
  private final Headers headers;
  private final Body body;
  private final String remoteAddress;
  private final Attributes attributes;

  private Request(Builder b) {
    this.method = b.method;
    this.protocol = b.protocol;
    this.scheme = b.scheme;
    this.host = b.host;
    this.port = b.port != -1 ? b.port : "https".equals(b.scheme) ? 443 : 80;
    this.path = b.path;
    this.query = b.query;
    this.headers = b.editedHeaders == null ? b.headers : b.editedHeaders.build();
    this.body = b.body;
    this.remoteAddress = b.remoteAddress;
    this.attributes = b.attributes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A body-less request: {@code Request.of("GET", "/api/users/7?fields=name")}. */
  public static Request of(String method, String target) {
    return builder().method(method).target(target).build();
  }

  /** The method, upper case as sent (methods are case-sensitive, RFC 9110 §9.1). */
  public String method() {
    return method;
  }

  /**
   * The HTTP version the client spoke to the host: {@code HTTP/1.0}, {@code HTTP/1.1}, {@code
   * HTTP/2} or {@code HTTP/3}. It names the gateway's hop in {@code Via} (RFC 9110 §7.6.3).
   */
  public String protocol() {
    return protocol;
  }

  /** {@code http} or {@code https}: how the client reached the host (or the trusted proxy). */
  public String scheme() {
    return scheme;
  }

  /** The host the client asked for, lower case, without a port. */
  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The raw, percent-encoded path; never empty, always starts with {@code /}. */
  public String path() {
    return path;
  }

  /** The raw query without the {@code ?}, or null when the target had none. */
  public @Nullable String query() {
    return query;
  }

  /** {@link #path()} and, when present, {@code ?} and the {@link #query()}. */
  public String target() {
    return query == null ? path : path + '?' + query;
  }

  public Headers headers() {
    return headers;
  }

  /** The first value of a header, or null. */
  public @Nullable String header(String name) {
    return headers.get(name);
  }

  public Body body() {
    return body;
  }

  /** The address of the peer that sent the request: the client, or a proxy in front of us. */
  public String remoteAddress() {
    return remoteAddress;
  }

  public Attributes attributes() {
    return attributes;
  }

  /** The value of an attribute, or null. */
  public <T> @Nullable T attribute(AttributeKey<T> key) {
    return attributes.get(key);
  }

  /** A path variable captured by the matched route, or null. */
  public @Nullable String pathVariable(String name) {
    Map<String, String> vars = attributes.get(Attributes.PATH_VARIABLES);
    return vars == null ? null : vars.get(name);
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  @Override
  public String toString() {
    return "Request{" + method + " " + scheme + "://" + host + ":" + port + target() + "}";
  }

  /**
   * Builds a {@link Request}. Defaults: method GET, protocol HTTP/1.1, scheme http, host localhost,
   * the scheme's default port, path {@code /}, no headers, an empty body, remote address 127.0.0.1.
   */
  public static final class Builder {
    private String method = "GET";
    private String protocol = "HTTP/1.1";
    private String scheme = "http";
    private String host = "localhost";
    private int port = -1;
    private String path = "/";
    private @Nullable String query;
    private Headers headers = Headers.empty();
    // A copy of the headers, made on the first change only: most derived requests keep them as is.
    private Headers.@Nullable Builder editedHeaders;
    private Body body = Body.empty();
    private String remoteAddress = "127.0.0.1";
    private Attributes attributes = Attributes.empty();

    private Builder() {}

    private Builder(Request r) {
      this.method = r.method;
      this.protocol = r.protocol;
      this.scheme = r.scheme;
      this.host = r.host;
      this.port = r.port;
      this.path = r.path;
      this.query = r.query;
      this.headers = r.headers;
      this.body = r.body;
      this.remoteAddress = r.remoteAddress;
      this.attributes = r.attributes;
    }

    public Builder method(String method) {
      Objects.requireNonNull(method, "method");
      if (method.isEmpty() || !method.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
        throw new IllegalArgumentException("method must be a non-empty token: '" + method + "'");
      }
      this.method = method;
      return this;
    }

    /**
     * The HTTP version the client spoke, as a servlet container reports it: {@code HTTP/1.0},
     * {@code HTTP/1.1}, {@code HTTP/2} or {@code HTTP/3} ({@code HTTP/2.0} and {@code HTTP/3.0} are
     * read as the latter two).
     */
    public Builder protocol(String protocol) {
      this.protocol =
          switch (Objects.requireNonNull(protocol, "protocol")) {
            case "HTTP/1.1" -> "HTTP/1.1";
            case "HTTP/1.0" -> "HTTP/1.0";
            case "HTTP/2", "HTTP/2.0" -> "HTTP/2";
            case "HTTP/3", "HTTP/3.0" -> "HTTP/3";
            default ->
                throw new IllegalArgumentException(
                    "protocol must be HTTP/1.0, HTTP/1.1, HTTP/2 or HTTP/3: '" + protocol + "'");
          };
      return this;
    }

    public Builder scheme(String scheme) {
      String s = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
      if (!s.equals("http") && !s.equals("https")) {
        throw new IllegalArgumentException("scheme must be http or https: '" + scheme + "'");
      }
      this.scheme = s;
      return this;
    }

    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
      return this;
    }

    /** The port, 1 to 65535, or -1 for the scheme's default. */
    public Builder port(int port) {
      if (port != -1 && (port < 1 || port > 65535)) {
        throw new IllegalArgumentException("port must be 1..65535 or -1: " + port);
      }
      this.port = port;
      return this;
    }

    /** The raw path; it must start with {@code /}. */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path must start with '/': '" + path + "'");
      }
      this.path = path;
      return this;
    }

    /** The raw query without {@code ?}, or null for none. */
    public Builder query(@Nullable String query) {
      this.query = query;
      return this;
    }

    /** Path and optional query, as in a request line: {@code /a/b?c=d}. */
    public Builder target(String target) {
      Objects.requireNonNull(target, "target");
      int q = target.indexOf('?');
      path(q < 0 ? target : target.substring(0, q));
      return query(q < 0 ? null : target.substring(q + 1));
    }

    /** Replaces all headers. */
    public Builder headers(Headers headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      this.editedHeaders = null;
      return this;
    }

    /** Sets a header, replacing its other values. */
    public Builder header(String name, String value) {
      editHeaders().set(name, value);
      return this;
    }

    public Builder addHeader(String name, String value) {
      editHeaders().add(name, value);
      return this;
    }

    public Builder removeHeader(String name) {
      editHeaders().remove(name);
      return this;
    }

    public Builder body(Body body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    public Builder remoteAddress(String remoteAddress) {
      this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
      return this;
    }

    public <T> Builder attribute(AttributeKey<T> key, T value) {
      this.attributes = attributes.with(key, value);
      return this;
    }

    public Builder removeAttribute(AttributeKey<?> key) {
      this.attributes = attributes.without(key);
      return this;
    }

    private Headers.Builder editHeaders() {
      if (editedHeaders == null) {
        editedHeaders = headers.newBuilder();
      }
      return editedHeaders;
    }

    public Request build() {
      return new Request(this);
    }
  }
}
