package dev.frontdesk.gateway.grpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.RouteGroup;
import dev.frontdesk.gateway.grpc.internal.Channels;
import dev.frontdesk.gateway.grpc.internal.HeaderMetadata;
import dev.frontdesk.gateway.grpc.internal.MethodRoute;
import dev.frontdesk.gateway.grpc.internal.Methods;
import dev.frontdesk.gateway.grpc.internal.Transcoding;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * HTTP/JSON routes to gRPC methods, from a protobuf descriptor set and without generated stubs.
 * Each unary or server-streaming method of the chosen services becomes one route (more with {@code
 * additional_bindings}): where the method has a {@code google.api.http} option, its verb and path
 * template; otherwise {@code POST /package.Service/Method} with the whole message as the body. The
 * JSON body, path variables and query parameters become the request message; the reply comes back
 * as JSON, and a server stream as a JSON array or, for {@code Accept: application/x-ndjson}, one
 * message per line, written as the messages arrive.
 *
 * <pre>{@code
 * GrpcTranscoder users = GrpcTranscoder.builder()
 *     .descriptorSet(Path.of("build/users.pb"))  // protoc --include_imports --descriptor_set_out=...
 *     .target("dns:///users.internal:9090")      // round_robin over every address it resolves to
 *     .plaintext()
 *     .timeout(Duration.ofSeconds(5))
 *     .forwardHeaders("X-User-Id")
 *     .build();
 * Gateway gateway = Gateway.builder()
 *     .group("/api", users.routes())             // GET /api/v1/users/{id} -> users.v1.Users/GetUser
 *     .build();                                  // gateway.close() closes the channels
 * }</pre>
 *
 * <p>gRPC statuses become problem+json answers with the status message as the detail (see {@code
 * docs/grpc.md} for the table); a request that does not fit the message is a 400 naming the field.
 */
public final class GrpcTranscoder implements AutoCloseable {
  private final List<MethodRoute> routes;
  private final Channels channels;

  private GrpcTranscoder(List<MethodRoute> routes, Channels channels) {
    this.routes = routes;
    this.channels = channels;
  }

  /** Starts configuring a transcoder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Declares one route per binding in a group: {@code .group("/api", transcoder.routes())}. Route
   * ids are the methods' full names ({@code pkg.Service/Method}, then {@code pkg.Service/Method#2}
   * for an additional binding).
   */
  public Consumer<RouteGroup> routes() {
    return group -> {
      for (MethodRoute route : routes) {
        group.route(
            route.id(),
            r -> r.methods(route.verb()).path(route.path()).handleWith(route.handler()));
      }
    };
  }

  /** The bindings, one line each: {@code GET /v1/users/{id} -> users.v1.Users/GetUser}. */
  public List<String> bindings() {
    return routes.stream().map(MethodRoute::toString).toList();
  }

  /** Closes the channels; the gateway calls it when it closes. Closing twice does nothing. */
  @Override
  public void close() {
    channels.close();
  }

  @Override
  public String toString() {
    return "GrpcTranscoder" + routes.stream().map(MethodRoute::id).toList();
  }

  /**
   * Configures a {@link GrpcTranscoder}. An option set again takes the last value. A bad value does
   * not throw where it is given (a null does, {@link NullPointerException}): it is recorded, the
   * option keeps its previous value, and {@link #build()} throws one {@link GatewayConfigException}
   * listing every mistake, each naming the transcoder. Defaults: all services of the descriptor
   * set, TLS with the JDK's trusted certificates, a 30 s deadline, metadata from {@code
   * X-Request-Id}, {@code traceparent} and {@code tracestate}, and messages up to 4 MiB.
   */
  public static final class Builder {
    private final Settings s = new Settings();
    private final BuilderProblems problems = new BuilderProblems("GrpcTranscoder: ");

    private Builder() {}

    /**
     * The mistakes the setters recorded so far: a bad value is recorded instead of thrown, and
     * {@link #build()} throws them all, with what only it finds (an unreadable descriptor set, an
     * unknown service). For tools that point at their own input.
     */
    public List<String> problems() {
      return problems.list();
    }

    /** The descriptor set file: {@code protoc --include_imports --descriptor_set_out=FILE}. */
    public Builder descriptorSet(java.nio.file.Path file) {
      Objects.requireNonNull(file, "file");
      s.source("descriptorSet(" + file + ")", () -> Settings.read(file));
      return this;
    }

    /** The descriptor set as a classpath resource ({@code "grpc/users.pb"}). */
    public Builder descriptorSetResource(String resource) {
      Objects.requireNonNull(resource, "resource");
      s.source("descriptorSetResource(" + resource + ")", () -> Settings.resource(resource));
      return this;
    }

    /** The descriptor set, already parsed. */
    public Builder descriptorSet(FileDescriptorSet set) {
      Objects.requireNonNull(set, "set");
      s.source("descriptorSet(FileDescriptorSet)", () -> set);
      return this;
    }

    /**
     * Routes only these services ({@code "users.v1.Users"}); by default, every service in the set.
     */
    public Builder services(String... fullNames) {
      problems.check(() -> s.services(fullNames));
      return this;
    }

    /**
     * Where the service listens, as a gRPC target: {@code "host:port"}, or {@code
     * "dns:///host:port"}, whose addresses are balanced with grpc-java's {@code round_robin}.
     */
    public Builder target(String target) {
      Objects.requireNonNull(target, "target");
      problems.check(() -> s.targets("target", target));
      return this;
    }

    /** Several targets, one channel each, taken in turn per call (a failing one is passed over). */
    public Builder targets(String... targets) {
      problems.check(() -> s.targets("targets", targets));
      return this;
    }

    /**
     * Speaks plaintext HTTP/2 (h2c) to the service: for a service on a trusted network or in tests.
     */
    public Builder plaintext() {
      s.security("plaintext()", null, true);
      return this;
    }

    /** Speaks TLS, trusting only the PEM certificates in this file (a private CA). */
    public Builder tlsTrusting(java.nio.file.Path pemCertificates) {
      Objects.requireNonNull(pemCertificates, "pemCertificates");
      problems.check(
          () -> s.security("tlsTrusting(" + pemCertificates + ")", pemCertificates, false));
      return this;
    }

    /**
     * The deadline of each call (30 s), shortened by a deadline, call timeout or try timeout the
     * route's middleware sets ({@code UpstreamOverrides}). A call past it answers 504.
     */
    public Builder timeout(Duration timeout) {
      problems.check(() -> s.timeout(timeout));
      return this;
    }

    /** More request headers to send as metadata: identity headers such as {@code X-User-Id}. */
    public Builder forwardHeaders(String... names) {
      problems.check(() -> s.forwardHeaders(names));
      return this;
    }

    /** The largest request body and reply message, in bytes (4 MiB). */
    public Builder maxMessageSize(int bytes) {
      problems.check(() -> s.maxMessageSize(bytes));
      return this;
    }

    /**
     * Reads the descriptor set, checks every binding and opens the channels (which connect on first
     * use).
     *
     * @throws GatewayConfigException listing every problem, each naming the transcoder: the bad
     *     values the setters were given, an unreadable set, unknown services, path templates that
     *     cannot be routed, a missing target
     */
    public GrpcTranscoder build() {
      List<String> found = s.problems();
      Methods methods = Methods.load(s.descriptorSet(found), s.services(), found);
      problems.throwIfAny(found);
      Methods loaded = Objects.requireNonNull(methods, "methods"); // null only with a problem
      Channels channels = new Channels(s.targets(), s.credentials(), s.maxMessageSize());
      Transcoding shared =
          loaded.transcoding(
              channels, s.timeout(), new HeaderMetadata(s.headers()), s.maxMessageSize());
      return new GrpcTranscoder(loaded.routes(shared), channels);
    }
  }
}
