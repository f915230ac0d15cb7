package dev.frontdesk.gateway.auth.internal;

import java.security.Key;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** Keys given in the configuration: an HMAC secret, or public keys with or without a kid. */
public final class StaticKeys implements KeySource {
  private final byte @Nullable [] secret;
  private final Map<String, PublicKey> byKid;
  private final List<PublicKey> withoutKid;

  private StaticKeys(
      byte @Nullable [] secret, Map<String, PublicKey> byKid, List<PublicKey> withoutKid) {
    this.secret = secret;
    this.byKid = Map.copyOf(byKid);
    this.withoutKid = List.copyOf(withoutKid);
  }

  public static StaticKeys secret(byte[] secret) {
    return new StaticKeys(secret.clone(), Map.of(), List.of());
  }

  /** Public keys; a null kid in {@code keys} means the key has none. */
  public static StaticKeys publicKeys(Map<String, PublicKey> byKid, List<PublicKey> withoutKid) {
    return new StaticKeys(null, new LinkedHashMap<>(byKid), new ArrayList<>(withoutKid));
  }

  @Override
  public Key key(@Nullable String kid, String algorithm) {
    if (secret != null) {
      if (!"HMAC".equals(KeySource.family(algorithm))) {
        throw new TokenRejected("the token's algorithm does not match the configured key");
      }
      // One secret, named for the token's algorithm so the JCA Mac matches it.
      return new SecretKeySpec(secret, "HmacSHA" + algorithm.substring(2));
    }
    PublicKey named = kid == null ? null : byKid.get(kid);
    if (named != null) {
      if (!KeySource.fits(named, algorithm)) {
        throw new TokenRejected("the token's algorithm does not match its key");
      }
      return named;
    }
    List<PublicKey> candidates =
        withoutKid.stream().filter(k -> KeySource.fits(k, algorithm)).toList();
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    throw new TokenRejected(
        kid == null ? "the token does not name its key (kid)" : "the token's key id is not known");
  }
}
