package dev.frontdesk.gateway.cache.internal;

import dev.frontdesk.gateway.Headers;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The stored responses of one cache key, newest first: one per combination of the request fields
 * their {@code Vary} names (RFC 9111 §4.1). Immutable; the store replaces it whole.
 */
final class Variants {
  /** Enough for Accept-Encoding's usual variants; the oldest goes first beyond it. */
  private static final int MAX_VARIANTS = 8;

  private final List<StoredResponse> responses;

  private Variants(List<StoredResponse> responses) {
    this.responses = responses;
  }

  static Variants of(StoredResponse response) {
    return new Variants(List.of(response));
  }

  /** The newest response the request selects (§4.1: the most recent one, when several match). */
  @Nullable StoredResponse match(Headers requestHeaders) {
    for (StoredResponse response : responses) {
      if (response.matches(requestHeaders)) {
        return response;
      }
    }
    return null;
  }

  /**
   * These variants with {@code response} first, replacing the one it selects on the same values.
   */
  Variants with(StoredResponse response) {
    List<StoredResponse> list = new ArrayList<>(responses.size() + 1);
    list.add(response);
    for (StoredResponse r : responses) {
      if (!r.sameVariantAs(response) && list.size() < MAX_VARIANTS) {
        list.add(r);
      }
    }
    return new Variants(List.copyOf(list));
  }

  /**
   * The weight the store bounds: each response counts its bytes, but at least {@code slot}, so that
   * a byte bound divided by an entry bound also bounds the number of responses.
   */
  int weight(long slot) {
    long total = 0;
    for (StoredResponse r : responses) {
      total += Math.max(slot, r.weight());
    }
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  long expiresAt(long staleRetention) {
    long latest = Long.MIN_VALUE;
    for (StoredResponse r : responses) {
      latest = Math.max(latest, r.expiresAt(staleRetention));
    }
    return latest;
  }

  int size() {
    return responses.size();
  }
}
