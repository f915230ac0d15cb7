package dev.frontdesk.gateway.testing;

import dev.frontdesk.gateway.GatewayConfigException;
import java.util.List;

/**
 * The mistakes a builder's {@code build()} lists, for tests that assert every one at once:
 *
 * <pre>{@code
 * assertThat(ConfigProblems.thrownBy(builder::build))
 *     .containsExactly("RateLimiter: expectedInstances must be at least 1: 0", ...);
 * }</pre>
 */
public final class ConfigProblems {
  private ConfigProblems() {}

  /**
   * The problems of the {@link GatewayConfigException} that {@code build} throws; any other
   * exception passes through, and an {@link AssertionError} says that it threw nothing.
   */
  public static List<String> thrownBy(Runnable build) {
    try {
      build.run();
    } catch (GatewayConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a GatewayConfigException, but nothing was thrown");
  }
}
