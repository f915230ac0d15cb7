package dev.frontdesk.gateway;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** A listener that writes every event it gets as one line, for tests to compare. */
final class Recorder implements GatewayListener {
  final List<String> events = new CopyOnWriteArrayList<>();
  volatile @Nullable ExchangeOutcome outcome;
  volatile @Nullable GatewayException problem;

  @Override
  public ExchangeListener exchangeStarted(Request request) {
    events.add("started " + request.method() + " " + request.path());
    return new ExchangeListener() {
      @Override
      public void routed(Route route, Request request) {
        events.add("routed '" + route.id() + "'");
      }

      @Override
      public void targetReached(Request request) {
        events.add("target");
      }

      @Override
      public void attemptFinished(
          UpstreamAttempt attempt, int status, @Nullable IOException failure, long nanos) {
        events.add(
            "attempt "
                + attempt.number()
                + " "
                + attempt.upstream()
                + " "
                + status
                + (failure != null ? " failed" : ""));
      }

      @Override
      public void retrying(UpstreamAttempt attempt) {
        events.add("retrying " + attempt.number());
      }

      @Override
      public void problem(GatewayException e) {
        problem = e;
        events.add("problem " + e.status() + " " + e.reason());
      }

      @Override
      public void finished(ExchangeOutcome o) {
        outcome = o;
        events.add("finished " + o.status() + (o.complete() ? "" : " incomplete"));
      }
    };
  }

  @Override
  public void instanceEjected(String upstream, String instance, String reason) {
    events.add("ejected " + upstream + " (" + reason + ")");
  }

  @Override
  public void circuitOpened(String upstream, @Nullable String instance) {
    events.add("circuit opened " + upstream);
  }

  @Override
  public void retryBudgetExhausted(String upstream) {
    events.add("budget exhausted " + upstream);
  }
}
