package dev.frontdesk.gateway.config.internal;

import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.RouteGroup;
import dev.frontdesk.gateway.grpc.GrpcTranscoder;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@code grpc:} entry of a routes list onto {@link GrpcTranscoder.Builder}: the routes of a
 * descriptor set's methods under a prefix. Loaded only once gateway-grpc is known to be on the
 * class path. The first pass reads the descriptor set and checks every binding, then closes what it
 * built; channels connect on first use, so nothing connects before the file is known good.
 */
final class GrpcMapper {
  private final Ctx ctx;

  GrpcMapper(Ctx ctx) {
    this.ctx = ctx;
  }

  /** Two keys for one setting: the builder would take the last one; a file says one thing. */
  private void exclusive(Obj o, String a, String b) {
    if (o.has(a) && o.has(b)) {
      ctx.problem(o.at(b), a + " and " + b + " exclude each other: keep one");
    }
  }

  /** The prefix and the routes, or null (reported). */
  @Nullable Consumer<RouteGroup> routes(Obj o, List<AutoCloseable> built) {
    GrpcTranscoder.Builder b = GrpcTranscoder.builder();
    ctx.watch(b::problems, o.path);
    exclusive(o, "descriptorSet", "descriptorSetResource");
    exclusive(o, "target", "targets");
    exclusive(o, "plaintext", "tlsTrusting");
    if (o.has("descriptorSet")) {
      o.string("descriptorSet", file -> b.descriptorSet(ctx.path(file)));
    }
    o.string("descriptorSetResource", b::descriptorSetResource);
    o.strings("services", b::services);
    o.string("target", b::target);
    o.strings("targets", b::targets);
    o.flag("plaintext", b::plaintext);
    o.string("tlsTrusting", file -> b.tlsTrusting(ctx.path(file)));
    o.duration("timeout", b::timeout);
    o.strings("forwardHeaders", b::forwardHeaders);
    o.size("maxMessageSize", bytes -> b.maxMessageSize(Math.toIntExact(bytes)));
    if (o.broken()) {
      return null;
    }
    try {
      GrpcTranscoder transcoder = b.build();
      if (!ctx.live()) {
        transcoder.close();
      } else {
        built.add(transcoder);
      }
      return transcoder.routes();
    } catch (GatewayConfigException e) {
      e.problems().forEach(problem -> ctx.problem(o.path, problem));
      return null;
    }
  }
}
