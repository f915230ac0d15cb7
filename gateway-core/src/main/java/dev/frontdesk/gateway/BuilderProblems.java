package dev.frontdesk.gateway;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The mistakes one builder was given, worded with the name of what it builds ({@code "route
 * 'orders': "}, {@code "upstream 'users': "}), for {@link Gateway.Builder#build()} or the builder's
 * own {@code build()} to report all at once. A setter runs its checks through {@link #check}: what
 * they refuse with an {@link IllegalArgumentException} is recorded instead of thrown, and the
 * option keeps its previous value. Null arguments still throw at once: they are programming errors.
 */
final class BuilderProblems {
  private final String prefix;
  private final List<String> problems = new ArrayList<>();

  BuilderProblems(String prefix) {
    this.prefix = prefix;
  }

  /** Runs a setter's checks and assignments; records what it refuses. Returns whether it passed. */
  boolean check(Runnable setter) {
    try {
      setter.run();
      return true;
    } catch (IllegalArgumentException e) {
      add(e.getMessage());
      return false;
    }
  }

  /** Records a problem, prefixed with the name of what is being built. */
  void add(@Nullable String message) {
    problems.add(prefix + message);
  }

  /** Records another builder's problems (already worded), prefixed with this one's name. */
  void addAll(List<String> others) {
    others.forEach(this::add);
  }

  List<String> list() {
    return List.copyOf(problems);
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  /** For a value builder's {@code build()}: throws when anything was recorded. */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new GatewayConfigException(problems);
    }
  }
}
