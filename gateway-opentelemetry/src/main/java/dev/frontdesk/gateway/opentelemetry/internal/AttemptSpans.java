package dev.frontdesk.gateway.opentelemetry.internal;

import dev.frontdesk.gateway.UpstreamAttempt;
import io.opentelemetry.api.trace.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The client spans of one exchange's tries in flight, which aggregation legs start and end on
 * several threads at once. Keyed by the {@link UpstreamAttempt} object, not by its value: two legs
 * to the same instance are both try 1 of the same method and must not share a span. The gateway
 * hands the same object to the start and the end of a try; should an equal copy arrive instead, the
 * span of some equal try is taken, which is as near as a value can get.
 *
 * <p>Nearly every exchange has one try in flight at a time: it takes a field, and only tries
 * running beside it (parallel legs) take a map. The lock is the exchange's own, held for a few
 * field reads; spans are ended outside it.
 */
final class AttemptSpans {
  private @Nullable UpstreamAttempt firstAttempt;
  private @Nullable Span firstSpan;
  private @Nullable Map<Key, Span> more;

  synchronized void put(UpstreamAttempt attempt, Span span) {
    if (firstAttempt == null) {
      firstAttempt = attempt;
      firstSpan = span;
      return;
    }
    if (more == null) {
      more = new HashMap<>();
    }
    more.put(new Key(attempt), span);
  }

  synchronized @Nullable Span remove(UpstreamAttempt attempt) {
    if (firstAttempt == attempt) {
      return takeFirst();
    }
    Span span = more == null ? null : more.remove(new Key(attempt));
    if (span != null) {
      return span;
    }
    if (firstAttempt != null && firstAttempt.equals(attempt)) {
      return takeFirst();
    }
    if (more != null) {
      for (Iterator<Map.Entry<Key, Span>> it = more.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Key, Span> entry = it.next();
        if (entry.getKey().attempt.equals(attempt)) {
          it.remove();
          return entry.getValue();
        }
      }
    }
    return null;
  }

  /** Ends every span still open, so none is lost when a try's end is never reported. */
  void endAll(String why) {
    List<Span> open;
    synchronized (this) {
      if (firstSpan == null && (more == null || more.isEmpty())) {
        return;
      }
      open = new ArrayList<>(more == null ? 1 : more.size() + 1);
      if (firstSpan != null) {
        open.add(takeFirst());
      }
      if (more != null) {
        open.addAll(more.values());
        more.clear();
      }
    }
    for (Span span : open) {
      ClientSpans.abandon(span, why);
    }
  }

  private Span takeFirst() {
    Span span = firstSpan;
    firstAttempt = null;
    firstSpan = null;
    return Objects.requireNonNull(span);
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
