package dev.frontdesk.gateway.opentelemetry.internal;

import dev.frontdesk.gateway.UpstreamAttempt;
import io.opentelemetry.api.trace.Span;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The client spans of one exchange's tries in flight, which aggregation legs start and end on
 * several threads at once. Keyed by the {@link UpstreamAttempt} object, not by its value: two legs
 * to the same instance are both try 1 of the same method, equal as records, and must not share a
 * span. The gateway hands the same object to the start and the end of a try; should an equal copy
 * arrive instead, the span of some equal try is taken, which is as near as a value can get.
 */
final class AttemptSpans {
  private final Map<Key, Span> spans = new ConcurrentHashMap<>();

  void put(UpstreamAttempt attempt, Span span) {
    spans.put(new Key(attempt), span);
  }

  @Nullable Span remove(UpstreamAttempt attempt) {
    Span span = spans.remove(new Key(attempt));
    if (span != null) {
      return span;
    }
    for (Iterator<Map.Entry<Key, Span>> it = spans.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Key, Span> entry = it.next();
      if (entry.getKey().attempt.equals(attempt) && spans.remove(entry.getKey(), entry.getValue())) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** Ends every span still open, so none is lost when a try's end is never reported. */
  void endAll(String why) {
    for (Key key : spans.keySet()) {
      Span span = spans.remove(key);
      if (span != null) {
        ClientSpans.abandon(span, why);
      }
    }
  }

  /** Identity of the attempt object. */
  private static final class Key {
    final UpstreamAttempt attempt;

    Key(UpstreamAttempt attempt) {
      this.attempt = attempt;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Key k && k.attempt == attempt;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(attempt);
    }
  }
}
