package dev.frontdesk.gateway.auth.internal;

import dev.frontdesk.gateway.GatewayConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The mistakes an auth builder was given, each prefixed with what it builds ({@code
 * "JwtAuthenticator: "}): a setter runs its checks through {@link #check}, so a bad value is
 * recorded rather than thrown, and the builder's {@code build()} throws them all at once. Null
 * arguments still throw at once.
 */
public final class Recorded {
  private final String prefix;
  private final List<String> problems = new ArrayList<>();

  public Recorded(String prefix) {
    this.prefix = prefix;
  }

  /** Runs a setter's checks and assignments; what it refuses is recorded. */
  public void check(Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      add(String.valueOf(e.getMessage()));
    }
  }

  public void add(String message) {
    problems.add(prefix + message);
  }

  public List<String> list() {
    return List.copyOf(problems);
  }

  /** Throws every recorded problem, then {@code more} (already worded), if there is any. */
  public void throwIfAny(List<String> more) {
    if (!problems.isEmpty() || !more.isEmpty()) {
      List<String> all = new ArrayList<>(problems);
      all.addAll(more);
      throw new GatewayConfigException(all);
    }
  }
}
