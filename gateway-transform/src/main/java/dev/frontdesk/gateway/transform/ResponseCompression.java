package dev.frontdesk.gateway.transform;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.Middleware;
import dev.frontdesk.gateway.Request;
import dev.frontdesk.gateway.Response;
import dev.frontdesk.gateway.transform.internal.AcceptEncoding;
import dev.frontdesk.gateway.transform.internal.BodyRewrite;
import dev.frontdesk.gateway.transform.internal.GzipInputStream;
import dev.frontdesk.gateway.transform.internal.MediaTypes;
import dev.frontdesk.gateway.transform.internal.Ranges;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Gzips uncompressed upstream responses for clients that accept gzip, as they stream: nothing is
 * buffered beyond one chunk, and a pausing upstream's bytes are flushed on. Only compressible media
 * types (text, JSON, XML, JavaScript, SVG by default; never {@code text/event-stream}), only bodies
 * of unknown length or at least {@code minimumSize}, and never a response that is already coded,
 * partial ({@code 206}), or says {@code Cache-Control: no-transform} (RFC 9110 §7.7). Every
 * response it could compress gets {@code Vary: Accept-Encoding}, compressed or not. A HEAD gets the
 * fields the GET would, {@code Content-Encoding} included, and a 304 the {@code Vary} and {@code
 * ETag} the 200 would (RFC 9110 §9.3.2, §15.4.5). For a client that accepts gzip, {@code Range} and
 * {@code If-Range} are not sent upstream and {@code Accept-Ranges} is removed: it gets whole
 * responses, never a part of uncompressed bytes.
 *
 * <pre>{@code
 * Gateway.builder().use(ResponseCompression.builder().minimumSize(1024).build())
 * }</pre>
 *
 * <p>Only gzip: brotli and zstd have no pure-Java encoder that is kept up (the maintained ones wrap
 * native libraries), so they are left to a CDN or the upstream.
 */
public final class ResponseCompression implements Middleware {
  private final long minimumSize;
  private final List<String> mediaTypes;
  private final int level;

  private ResponseCompression(Builder b) {
    this.minimumSize = b.minimumSize;
    this.mediaTypes = List.copyOf(b.mediaTypes);
    this.level = b.level;
  }

  /** gzip with the defaults: 1 KiB minimum, compressible types, level 6. */
  public static ResponseCompression gzip() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean gzip = AcceptEncoding.acceptsGzip(request.headers().values("Accept-Encoding"));
    // Whether the answer will be compressed is known only from the upstream's response; a range of
    // its uncompressed bytes would not fit the gzip body this client may already hold. So a client
    // that accepts gzip gets whole responses, without Accept-Ranges (see Ranges).
    Response response =
        gzip
            ? Ranges.notAdvertised(chain.proceed(Ranges.notAsked(request)))
            : chain.proceed(request);
    if (!compressible(response)) {
      return response;
    }
    Response.Builder b = response.newBuilder();
    if (!varies(response)) {
      b.addHeader("Vary", "Accept-Encoding");
    }
    if (!gzip) {
      return b.build();
    }
    String etag = BodyRewrite.weakened(response.header("ETag"));
    if (etag != null) {
      b.header("ETag", etag);
    }
    if (response.status() == 304) {
      return b.build(); // the Vary and validator the 200 would carry, no more (RFC 9110 §15.4.5)
    }
    BodyRewrite.STALE_FIELDS.forEach(b::removeHeader);
    b.header("Content-Encoding", "gzip");
    if (request.method().equals("HEAD")) {
      // The fields the GET would get (RFC 9110 §9.3.2); its compressed length is not known.
      response.body().close();
      return b.body(Body.of(InputStream.nullInputStream(), -1)).build();
    }
    return b.body(Body.of(new GzipInputStream(response.body().stream(), level), -1)).build();
  }

  /**
   * Whether the response would be compressed for a client that accepts gzip. A HEAD and a 304 are
   * judged as the 200 to a GET they stand for, by the fields they have; a 304 need not repeat the
   * Content-Type, so one without it counts as compressible.
   */
  private boolean compressible(Response response) {
    int status = response.status();
    if (status < 200 || status == 204 || status == 206) {
      return false;
    }
    long length = response.body().contentLength();
    if (length == 0 || (length > 0 && length < minimumSize)) {
      return false;
    }
    if (response.headers().contains("Content-Range") || coded(response) || noTransform(response)) {
      return false;
    }
    String essence = MediaTypes.essence(response.header("Content-Type"));
    if (essence.isEmpty()) {
      return status == 304;
    }
    if (MediaTypes.isEventStream(essence)) {
      return false;
    }
    for (String pattern : mediaTypes) {
      if (MediaTypes.matches(pattern, essence)) {
        return true;
      }
    }
    return false;
  }

  private static boolean coded(Response response) {
    for (String value : response.headers().values("Content-Encoding")) {
      if (!value.isBlank() && !value.strip().equalsIgnoreCase("identity")) {
        return true;
      }
    }
    return false;
  }

  private static boolean noTransform(Response response) {
    for (String value : response.headers().values("Cache-Control")) {
      for (String directive : value.split(",")) {
        if (directive.strip().toLowerCase(Locale.ROOT).equals("no-transform")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether Vary already names Accept-Encoding, or is {@code *}. */
  private static boolean varies(Response response) {
    for (String value : response.headers().values("Vary")) {
      for (String name : value.split(",")) {
        String n = name.strip();
        if (n.equals("*") || n.equalsIgnoreCase("Accept-Encoding")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "ResponseCompression{gzip level "
        + level
        + ", from "
        + minimumSize
        + " bytes, "
        + mediaTypes
        + "}";
  }

  /**
   * Builds a {@link ResponseCompression}. Defaults: {@code minimumSize} 1024 bytes, the media types
   * {@code text/*}, {@code application/json}, {@code application/*+json}, {@code application/xml},
   * {@code application/*+xml}, {@code application/javascript}, {@code application/ecmascript},
   * {@code image/svg+xml}, level 6. An option set again takes the last value. A bad value does not
   * throw where it is given (a null does): it is recorded, the option keeps its previous value, and
   * {@link #build()} throws one {@link GatewayConfigException} listing every mistake.
   */
  public static final class Builder {
    private long minimumSize = 1024;
    private List<String> mediaTypes = MediaTypes.COMPRESSIBLE;
    private int level = 6;
    private final BuilderProblems problems = new BuilderProblems("ResponseCompression: ");

    private Builder() {}

    /**
     * The mistakes the setters recorded so far: a bad value is recorded instead of thrown, and
     * {@link #build()} throws them all. For tools that point at their own input.
     */
    public List<String> problems() {
      return problems.list();
    }

    /** The smallest declared length compressed; bodies of unknown length are always compressed. */
    public Builder minimumSize(long bytes) {
      if (bytes < 0) {
        problems.add("minimumSize must not be negative: " + bytes);
      } else {
        this.minimumSize = bytes;
      }
      return this;
    }

    /**
     * Replaces the compressible media types: {@code type/subtype}, {@code type/*} or {@code
     * type/*+suffix}.
     */
    public Builder mediaTypes(String... mediaTypes) {
      for (String type : mediaTypes) {
        Objects.requireNonNull(type, "mediaTypes");
      }
      problems.check(
          () -> {
            List<String> checked = new ArrayList<>();
            for (String type : mediaTypes) {
              checked.add(MediaTypes.checkPattern(type));
            }
            if (checked.isEmpty()) {
              throw new IllegalArgumentException("mediaTypes must name at least one type");
            }
            this.mediaTypes = checked;
          });
      return this;
    }

    /** The deflate level, 1 (fastest) to 9 (smallest). */
    public Builder level(int level) {
      if (level < 1 || level > 9) {
        problems.add("level must be 1..9: " + level);
      } else {
        this.level = level;
      }
      return this;
    }

    /**
     * The middleware.
     *
     * @throws GatewayConfigException listing every bad value the setters were given
     */
    public ResponseCompression build() {
      problems.throwIfAny();
      return new ResponseCompression(this);
    }
  }
}
