package dev.frontdesk.gateway.config.internal;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a file into a gateway in two passes. The first maps every key onto the builders with
 * nothing that connects (a Redis backend is checked but not built) and stops at any problem. Only a
 * clean file gets the second, live pass, whose {@code Gateway.build()} may still find problems of
 * its own (shadowed routes, discovery that cannot start): those are put back at the route or
 * upstream they name, and whatever the pass built is closed.
 */
public final class Assembler {
  private static final Pattern ROUTE_ID = Pattern.compile("^route id '([^']+)'");
  private static final Pattern ROUTE = Pattern.compile("^route '([^']+)'");
  private static final Pattern UPSTREAM = Pattern.compile("upstream '([^']+)'");

  private Assembler() {}

  /** A built gateway, or the problems and none. */
  public record Outcome(
      @Nullable Gateway gateway,
      List<ConfigProblem> problems,
      Carried carried,
      AdminMapper.@Nullable AdminSpec admin) {}

  /**
   * @param check when true, validates everything the builder does and closes the gateway at once;
   *     Redis backends are not connected
   */
  public static Outcome assemble(
      String file,
      String content,
      Path baseDir,
      Function<String, @Nullable String> env,
      boolean check,
      Carried previous) {
    boolean json = file.endsWith(".json");
    Ctx first = new Ctx(file, baseDir, env, false);
    Tree tree = Tree.parse(content, json, first);
    first.tree(tree);
    if (tree.root() == null) {
      return new Outcome(null, first.problems(), Carried.NONE, null);
    }
    Mapper dry = new Mapper(first, tree.root());
    dry.map();
    if (first.hasProblems() || check) {
      if (!first.hasProblems()) {
        build(first, dry, true);
      }
      closeAll(dry.rateLimits.built);
      closeAll(dry.built);
      return new Outcome(null, first.problems(), Carried.NONE, null);
    }
    closeAll(dry.rateLimits.built);
    closeAll(dry.built);
    Ctx live = new Ctx(file, baseDir, env, true);
    live.tree(tree);
    live.carryFrom(previous);
    Mapper mapper = new Mapper(live, tree.root());
    mapper.map();
    Gateway gateway = live.hasProblems() ? null : build(live, mapper, false);
    if (gateway == null) {
      closeAll(mapper.rateLimits.built);
      closeAll(mapper.built);
      return new Outcome(null, live.problems(), Carried.NONE, null);
    }
    live.next().gateway(gateway);
    return new Outcome(gateway, List.of(), live.next(), mapper.admin);
  }

  private static @Nullable Gateway build(Ctx ctx, Mapper mapper, boolean closeAtOnce) {
    try {
      Gateway gateway = mapper.builder.build();
      if (closeAtOnce) {
        gateway.close();
        return null;
      }
      return gateway;
    } catch (GatewayConfigException e) {
      for (String problem : e.problems()) {
        ctx.problem(locate(problem, mapper), problem);
      }
      return null;
    }
  }

  /** The path of the route or upstream a builder problem names; the file itself when none. */
  private static String locate(String problem, Mapper mapper) {
    Matcher id = ROUTE_ID.matcher(problem);
    if (id.find()) {
      List<String> paths = mapper.routePaths.get(id.group(1));
      return paths == null
          ? "routes"
          : paths.get(paths.size() - 1); // the second declaration is the wrong one
    }
    Matcher route = ROUTE.matcher(problem);
    if (route.find()) {
      List<String> paths = mapper.routePaths.get(route.group(1));
      return paths == null ? "routes" : paths.get(0);
    }
    Matcher upstream = UPSTREAM.matcher(problem);
    if (upstream.find()) {
      return mapper.upstreamPaths.getOrDefault(upstream.group(1), "upstreams");
    }
    return problem.startsWith("upstream") ? "upstreams" : "";
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // Closing what a failed configuration built: nothing more to report than the
        // configuration's problems.
      }
    }
  }
}
