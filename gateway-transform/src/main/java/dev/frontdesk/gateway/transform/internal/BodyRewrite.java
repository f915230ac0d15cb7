package dev.frontdesk.gateway.transform.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Headers;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path a body takes through a transform: choose by media type and coding, read up to the
 * limit, gunzip, convert, gzip again. Whatever it does not choose to transform passes on untouched
 * and unbuffered. Failures are worded here once, naming the transform: the upstream's bad body is a
 * 502, the client's a 400.
 */
public final class BodyRewrite {
  private static final Logger log = LoggerFactory.getLogger(BodyRewrite.class);

  /** Fields that describe the old bytes and would be wrong for the new ones. */
  public static final List<String> STALE_FIELDS =
      List.of(
          "Content-Length",
          "Transfer-Encoding",
          "Content-MD5",
          "Content-Digest",
          "Repr-Digest",
          "Digest");

  /** Which message a rewrite works on: it decides the statuses of failures and their wording. */
  public enum Side {
    REQUEST("the request's", 413, 400),
    RESPONSE("the upstream's", 502, 502);

    final String whose;
    final int overLimitStatus;
    final int malformedStatus;

    Side(String whose, int overLimitStatus, int malformedStatus) {
      this.whose = whose;
      this.overLimitStatus = overLimitStatus;
      this.malformedStatus = malformedStatus;
    }
  }

  /** A body conversion: parse, change, write. */
  public interface Conversion {
    /** Whether a body of this media type essence is converted at all. */
    boolean accepts(String essence);

    /**
     * The new bytes; {@code essence} is the body's media type, {@code charset} its {@code charset}
     * parameter when it has one.
     */
    byte[] convert(byte[] body, String essence, @Nullable String charset)
        throws MalformedBodyException;

    /**
     * The new {@code Content-Type}, or null to keep the message's own (its {@code charset}, if it
     * has one, then becomes UTF-8: every conversion writes UTF-8).
     */
    @Nullable String contentType(String essence);
  }

  /** The body could not be read as what the transform expects; the message says why. */
  public static final class MalformedBodyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String message;

    public MalformedBodyException(String message, @Nullable Throwable cause) {
      super(message, cause);
      this.message = message;
    }

    /** Never null, unlike {@link Throwable#getMessage()}: it is what the client is told. */
    @Override
    public String getMessage() {
      return message;
    }
  }

  /**
   * The outcome: {@code changed} with new bytes (and maybe a new content type), or the body to pass
   * on as it was (the same object, or a replay of what was read before the limit was crossed).
   */
  public record Result(boolean changed, Body body, @Nullable String contentType) {}

  private final String name;
  private final Side side;
  private final long limit;
  private final boolean refuseOverLimit;
  private final boolean decodeGzip;

  public BodyRewrite(
      String name, Side side, long limit, boolean refuseOverLimit, boolean decodeGzip) {
    this.name = name;
    this.side = side;
    this.limit = limit;
    this.refuseOverLimit = refuseOverLimit;
    this.decodeGzip = decodeGzip;
  }

  public Result rewrite(Headers headers, Body body, Conversion conversion) throws IOException {
    String contentType = headers.get("Content-Type");
    String essence = MediaTypes.essence(contentType);
    boolean gzip = isGzip(headers.values("Content-Encoding"));
    if (body.isEmpty()
        || MediaTypes.isEventStream(essence)
        || !conversion.accepts(essence)
        || (gzip ? !decodeGzip : !identity(headers.values("Content-Encoding")))) {
      return new Result(false, body, null);
    }
    BoundedRead read = BoundedRead.of(body, limit);
    if (!read.within()) {
      return overLimit(read.rest());
    }
    byte[] bytes = read.bytes();
    byte[] plain = gzip && bytes.length > 0 ? decode(bytes) : bytes;
    if (plain == null) {
      return overLimit(Body.of(bytes));
    }
    if (plain.length == 0) {
      // A body of unknown length (chunked, or gzip of nothing) that holds no document: it passes
      // as an empty body does, instead of being refused as malformed.
      return new Result(false, Body.of(bytes), null);
    }
    byte[] converted;
    try {
      converted = conversion.convert(plain, essence, MediaTypes.charset(contentType));
    } catch (MalformedBodyException e) {
      throw malformed(e.getMessage(), e);
    }
    String newType = conversion.contentType(essence);
    return new Result(
        true,
        Body.of(gzip ? Gzip.encode(converted) : converted),
        newType != null ? newType : MediaTypes.withUtf8(contentType));
  }

  private byte @Nullable [] decode(byte[] bytes) {
    try {
      return Gzip.decode(bytes, limit);
    } catch (IOException e) {
      throw malformed("its gzip coding is broken", e);
    }
  }

  private Result overLimit(Body body) throws IOException {
    if (!refuseOverLimit) {
      return new Result(false, body, null);
    }
    body.close();
    throw new GatewayException(
        side.overLimitStatus,
        "transform '"
            + name
            + "': "
            + side.whose
            + " body is over the transform's limit of "
            + limit
            + " bytes");
  }

  private GatewayException malformed(String why, Throwable cause) {
    String detail =
        "transform '" + name + "': " + side.whose + " body cannot be transformed: " + why;
    if (side == Side.RESPONSE) {
      log.warn("{}", detail);
    }
    return new GatewayException(side.malformedStatus, detail).withCause(cause);
  }

  /** Exactly one coding, gzip (RFC 9110 §8.4.1.3; {@code x-gzip} is its old name). */
  private static boolean isGzip(List<String> codings) {
    if (codings.size() != 1) {
      return false;
    }
    String c = codings.get(0).strip().toLowerCase(Locale.ROOT);
    return c.equals("gzip") || c.equals("x-gzip");
  }

  private static boolean identity(List<String> codings) {
    for (String c : codings) {
      if (!c.isBlank() && !c.strip().equalsIgnoreCase("identity")) {
        return false;
      }
    }
    return true;
  }

  /** A strong validator made weak: the bytes changed, the meaning did not (RFC 9110 §8.8.1). */
  public static @Nullable String weakened(@Nullable String etag) {
    return etag == null || etag.startsWith("W/") ? etag : "W/" + etag;
  }
}
