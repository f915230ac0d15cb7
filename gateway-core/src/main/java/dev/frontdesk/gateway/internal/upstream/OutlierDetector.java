package dev.frontdesk.gateway.internal.upstream;

import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.OutlierDetection;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ejects instances after consecutive failures, for a time that doubles with each repeat ejection
 * (reset once the instance stayed in for the longest ejection), never more than the policy's share
 * of the group at once. Successes cost one volatile read when nothing failed.
 */
final class OutlierDetector {
  private static final Logger log = LoggerFactory.getLogger(OutlierDetector.class);

  private final String upstream;
  private final GatewayListener events;
  private final OutlierDetection policy;
  private final Supplier<List<LiveInstance>> group;

  OutlierDetector(
      String upstream,
      OutlierDetection policy,
      Supplier<List<LiveInstance>> group,
      GatewayListener events) {
    this.upstream = upstream;
    this.events = events;
    this.policy = policy;
    this.group = group;
  }

  void onSuccess(LiveInstance e) {
    if (e.consecutiveFailures.get() != 0) {
      e.consecutiveFailures.set(0);
    }
  }

  void onFailure(LiveInstance e, long nowMillis) {
    if (policy.enabled()
        && e.consecutiveFailures.incrementAndGet() >= policy.consecutiveFailures()) {
      eject(e, nowMillis);
    }
  }

  /**
   * Ends {@code e}'s ejection now, because its active health checks saw it fail and recover: they
   * know it is back, where the ejection only guessed how long it would be gone. The back-off
   * history stays (a new ejection still lasts twice as long), counted from now.
   *
   * @return the milliseconds the ejection had left, 0 when it was not ejected
   */
  synchronized long endEjection(LiveInstance e, long now) {
    if (!e.isEjected(now)) {
      return 0;
    }
    long left = e.ejectedUntilMillis - now;
    e.ejectedUntilMillis = now;
    e.lastEjectionEndMillis = now;
    e.consecutiveFailures.set(0);
    return left;
  }

  private synchronized void eject(LiveInstance e, long now) {
    if (e.isEjected(now) || e.consecutiveFailures.get() < policy.consecutiveFailures()) {
      return;
    }
    List<LiveInstance> instances = group.get();
    long ejected = instances.stream().filter(x -> x.isEjected(now)).count();
    long allowed = Math.max(1, (long) Math.floor(policy.maxEjectedShare() * instances.size()));
    if (policy.maxEjectedShare() == 0 || ejected >= allowed) {
      log.debug(
          "upstream '{}': {} failing but {} of {} instances already ejected",
          upstream,
          e,
          ejected,
          instances.size());
      return;
    }
    long max = policy.maxEjection().toMillis();
    if (e.ejections > 0 && now - e.lastEjectionEndMillis >= max) {
      e.ejections = 0; // it behaved for as long as the longest ejection: forgive the past
    }
    long duration = Math.min(max, policy.baseEjection().toMillis() << Math.min(e.ejections, 30));
    e.ejections++;
    e.lastEjectionEndMillis = now + duration;
    e.ejectedUntilMillis = now + duration;
    e.consecutiveFailures.set(0);
    log.warn(
        "upstream '{}': ejected {} for {} ms after {} consecutive failures (ejection #{})",
        upstream,
        e,
        duration,
        policy.consecutiveFailures(),
        e.ejections);
    events.instanceEjected(upstream, e.toString(), "consecutive failures");
  }
}
