package dev.frontdesk.gateway;

import dev.frontdesk.gateway.internal.LimitedInputStream;
import dev.frontdesk.gateway.internal.PathNormalizer;
import java.io.IOException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Ready-made middleware for the common cases: header operations on either side, path rewriting, and
 * a request body size limit.
 *
 * <pre>{@code
 * r.path("/api/users/**")
 *  .use(Middlewares.stripPrefix(1), Middlewares.setRequestHeader("X-Source", "gateway"))
 *  .proxyTo("http://users:8080")
 * }</pre>
 */
public final class Middlewares {
  private Middlewares() {}

  /** Changes the request before it goes on. */
  public static Middleware before(UnaryOperator<Request> change) {
    Objects.requireNonNull(change, "change");
    return named("before(" + change + ")", chain -> chain.proceed(change.apply(chain.request())));
  }

  /** Changes the response on its way back; the function also sees the request that was sent on. */
  public static Middleware after(BiFunction<Request, Response, Response> change) {
    Objects.requireNonNull(change, "change");
    return named(
        "after(" + change + ")",
        chain -> {
          Response response = chain.proceed(chain.request());
          return change.apply(chain.request(), response);
        });
  }

  public static Middleware setRequestHeader(String name, String value) {
    check(name, value);
    return named(
        "setRequestHeader(" + name + ")",
        chain -> chain.proceed(chain.request().newBuilder().header(name, value).build()));
  }

  public static Middleware addRequestHeader(String name, String value) {
    check(name, value);
    return named(
        "addRequestHeader(" + name + ")",
        chain -> chain.proceed(chain.request().newBuilder().addHeader(name, value).build()));
  }

  public static Middleware removeRequestHeader(String name) {
    check(name, "");
    return named(
        "removeRequestHeader(" + name + ")",
        chain -> chain.proceed(chain.request().newBuilder().removeHeader(name).build()));
  }

  public static Middleware setResponseHeader(String name, String value) {
    check(name, value);
    return named(
        "setResponseHeader(" + name + ")",
        chain -> chain.proceed(chain.request()).newBuilder().header(name, value).build());
  }

  public static Middleware addResponseHeader(String name, String value) {
    check(name, value);
    return named(
        "addResponseHeader(" + name + ")",
        chain -> chain.proceed(chain.request()).newBuilder().addHeader(name, value).build());
  }

  public static Middleware removeResponseHeader(String name) {
    check(name, "");
    return named(
        "removeResponseHeader(" + name + ")",
        chain -> chain.proceed(chain.request()).newBuilder().removeHeader(name).build());
  }

  /**
   * Removes the first {@code segments} path segments: with 1, {@code /api/users/7} goes on as
   * {@code /users/7}.
   */
  public static Middleware stripPrefix(int segments) {
    if (segments < 1) {
      throw new IllegalArgumentException("segments must be at least 1: " + segments);
    }
    return named(
        "stripPrefix(" + segments + ")",
        chain -> {
          Request request = chain.request();
          return chain.proceed(request.newBuilder().path(strip(request.path(), segments)).build());
        });
  }

  private static String strip(String path, int segments) {
    int index = 0;
    for (int i = 0; i < segments; i++) {
      int next = path.indexOf('/', index + 1);
      if (next < 0) {
        return "/";
      }
      index = next;
    }
    return path.substring(index);
  }

  /**
   * Puts literal segments before the path: with {@code /v2}, {@code /users} goes on as {@code
   * /v2/users}.
   */
  public static Middleware addPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must not end with '/': '" + prefix + "'");
    }
    try {
      PathNormalizer.canonical(prefix);
    } catch (GatewayException e) {
      throw new IllegalArgumentException(
          "prefix '" + prefix + "' is not a valid path: " + e.detail());
    }
    return named(
        "addPrefix(" + prefix + ")",
        chain -> {
          Request request = chain.request();
          return chain.proceed(request.newBuilder().path(prefix + request.path()).build());
        });
  }

  /**
   * Rewrites the path with a regular expression over the (canonical, still encoded) path: {@code
   * rewritePath("/api/(?<rest>.*)", "/v1/${rest}")}. A result that is not a valid path is answered
   * 400, like any ambiguous path.
   */
  public static Middleware rewritePath(String regex, String replacement) {
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(replacement, "replacement");
    Pattern pattern = Pattern.compile(regex);
    return named(
        "rewritePath(" + regex + " -> " + replacement + ")",
        chain -> {
          Request request = chain.request();
          String rewritten = pattern.matcher(request.path()).replaceAll(replacement);
          String path = PathNormalizer.canonical(rewritten.isEmpty() ? "/" : rewritten);
          return chain.proceed(request.newBuilder().path(path).build());
        });
  }

  /**
   * Refuses request bodies larger than {@code maxBytes} with 413: at once when the declared length
   * is larger, and as soon as the limit is crossed for bodies of unknown length.
   */
  public static Middleware maxRequestBodySize(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
    }
    return named(
        "maxRequestBodySize(" + maxBytes + ")",
        chain -> {
          Request request = chain.request();
          Body body = request.body();
          if (body.contentLength() > maxBytes) {
            body.close();
            throw GatewayException.contentTooLarge(
                "the request body of "
                    + body.contentLength()
                    + " bytes exceeds the limit of "
                    + maxBytes);
          }
          if (body.contentLength() >= 0) {
            return chain.proceed(request);
          }
          Body limited = Body.of(new LimitedInputStream(body.stream(), maxBytes), -1);
          return chain.proceed(request.newBuilder().body(limited).build());
        });
  }

  private static void check(String name, String value) {
    Headers.builder().add(name, value); // validates both, with precise messages
  }

  /** Gives a middleware a readable name for chain errors and logs. */
  public static Middleware named(String name, Middleware middleware) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(middleware, "middleware");
    return new Middleware() {
      @Override
      public Response intercept(Chain chain) throws IOException {
        return middleware.intercept(chain);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
