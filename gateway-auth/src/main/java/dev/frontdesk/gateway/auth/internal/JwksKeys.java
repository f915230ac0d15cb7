package dev.frontdesk.gateway.auth.internal;

import dev.frontdesk.gateway.Body;
import dev.frontdesk.gateway.GatewayListener;
import dev.frontdesk.gateway.Headers;
import dev.frontdesk.gateway.Response;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PublicJwk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys from a JWKS URL (RFC 7517 §5). The set is fetched on first use, again when it is older than
 * the refresh interval, and when a token names an unknown {@code kid} (key rotation) — but never
 * more often than the minimum refresh interval, so a flood of tokens with random kids costs the
 * identity provider at most one request per interval. A failed fetch keeps the last good set. One
 * fetch at a time: concurrent callers wait for it instead of starting their own, and no lock is
 * held across the call.
 */
public final class JwksKeys implements KeySource {
  private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);
  private static final long MAX_BYTES = 1 << 20;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ClientSlot client;
  private final GatewayListener events;
  private final String url;
  private final Clock clock;
  private final long refreshMillis;
  private final long minRefreshMillis;
  private final AtomicReference<@Nullable CompletableFuture<@Nullable KeySet>> inFlight =
      new AtomicReference<>();
  private volatile @Nullable KeySet current;
  private volatile long lastAttempt = Long.MIN_VALUE / 4; // "long ago", without overflow

  private record KeySet(Map<String, PublicKey> byKid, List<PublicKey> all, long fetchedAt) {}

  public JwksKeys(
      ClientSlot client,
      String url,
      Clock clock,
      Duration refresh,
      Duration minRefresh,
      GatewayListener events) {
    this.events = events;
    this.client = client;
    this.url = url;
    this.clock = clock;
    this.refreshMillis = refresh.toMillis();
    this.minRefreshMillis = minRefresh.toMillis();
  }

  @Override
  public Key key(@Nullable String kid, String algorithm) {
    KeySet set = current;
    if (set == null || passed(set.fetchedAt(), refreshMillis)) {
      set = refreshIfAllowed();
    }
    if (set == null) {
      throw new KeySetUnavailable("the key set at " + url + " could not be loaded");
    }
    PublicKey key = find(set, kid, algorithm);
    if (key == null && kid != null) {
      KeySet refreshed = refreshIfAllowed(); // perhaps the keys were rotated
      key = refreshed == null ? null : find(refreshed, kid, algorithm);
    }
    if (key == null) {
      throw new TokenRejected(
          kid == null
              ? "the token does not name its key (kid)"
              : "the token's key id is not known");
    }
    if (!KeySource.fits(key, algorithm)) {
      throw new TokenRejected("the token's algorithm does not match its key");
    }
    return key;
  }

  private static @Nullable PublicKey find(KeySet set, @Nullable String kid, String algorithm) {
    if (kid != null) {
      return set.byKid().get(kid);
    }
    List<PublicKey> fitting = set.all().stream().filter(k -> KeySource.fits(k, algorithm)).toList();
    return fitting.size() == 1 ? fitting.get(0) : null;
  }

  /**
   * Fetches the set unless a fetch happened within the minimum interval; returns the newest set.
   */
  private @Nullable KeySet refreshIfAllowed() {
    if (!passed(lastAttempt, minRefreshMillis)) {
      // Too soon for a new fetch, but one may be under way (lastAttempt is set once it started):
      // wait for it rather than answer from the set it is replacing.
      CompletableFuture<@Nullable KeySet> running = inFlight.get();
      return running != null ? running.join() : current;
    }
    CompletableFuture<@Nullable KeySet> mine = new CompletableFuture<>();
    CompletableFuture<@Nullable KeySet> running = inFlight.compareAndExchange(null, mine);
    if (running != null) {
      return running.join();
    }
    try {
      if (passed(lastAttempt, minRefreshMillis)) {
        lastAttempt = clock.millis();
        fetchInto();
      }
      return current;
    } finally {
      inFlight.set(null);
      mine.complete(current);
    }
  }

  /**
   * Whether {@code interval} has passed since {@code since} on the clock. A wall clock set back (an
   * NTP correction) counts as passed: otherwise the set would not be refreshed, nor a rotated key
   * fetched, for as long as the clock went back. It costs one fetch per step back.
   */
  private boolean passed(long since, long interval) {
    long elapsed = clock.millis() - since;
    return elapsed < 0 || elapsed >= interval;
  }

  private void fetchInto() {
    boolean ok = false;
    try {
      current = fetch();
      ok = true;
    } catch (IOException | RuntimeException e) {
      log.warn(
          "could not refresh the key set from {}; keeping the last good set: {}",
          url,
          e.toString());
    }
    try {
      events.keySetRefreshed(url, ok);
    } catch (RuntimeException e) {
      log.warn("listener {} failed on keySetRefreshed", events, e);
    }
  }

  private KeySet fetch() throws IOException {
    try (Response response =
        client
            .get()
            .send("GET", url, Headers.of("Accept", "application/json"), Body.empty(), TIMEOUT)) {
      if (response.status() != 200) {
        throw new IOException("HTTP " + response.status());
      }
      byte[] body = response.body().bytes(MAX_BYTES); // refuses a larger set
      JwkSet set = Jwks.setParser().build().parse(new String(body, StandardCharsets.UTF_8));
      return keySet(set);
    }
  }

  private KeySet keySet(JwkSet set) {
    Map<String, PublicKey> byKid = new LinkedHashMap<>();
    List<PublicKey> all = new java.util.ArrayList<>();
    for (Jwk<?> jwk : set.getKeys()) {
      // Only public signing keys: a symmetric ("oct") key published in a JWKS would let anyone
      // who reads the set sign tokens.
      if (!(jwk instanceof PublicJwk<?> publicJwk) || "enc".equals(publicJwk.getPublicKeyUse())) {
        continue;
      }
      PublicKey key = publicJwk.toKey();
      all.add(key);
      if (jwk.getId() != null) {
        byKid.putIfAbsent(jwk.getId(), key);
      }
    }
    log.info("loaded {} signing keys from {}", all.size(), url);
    return new KeySet(Map.copyOf(byKid), List.copyOf(all), clock.millis());
  }
}
