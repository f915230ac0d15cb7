package dev.frontdesk.gateway.auth.internal;

import java.security.Key;
import org.jspecify.annotations.Nullable;

/** Where the key that verifies a token comes from: a configured secret or key, or a JWKS URL. */
public interface KeySource {
  /**
   * The key for a token's {@code kid} and {@code alg}, already checked to be of the algorithm's
   * family.
   *
   * @throws TokenRejected when no acceptable key exists
   * @throws KeySetUnavailable when the key set could never be loaded
   */
  Key key(@Nullable String kid, String algorithm);

  /** The key family an algorithm name needs: HMAC, RSA, EC or EdDSA; null for unknown names. */
  static @Nullable String family(String algorithm) {
    if (algorithm.matches("HS(256|384|512)")) {
      return "HMAC";
    }
    if (algorithm.matches("(RS|PS)(256|384|512)")) {
      return "RSA";
    }
    if (algorithm.matches("ES(256|384|512)")) {
      return "EC";
    }
    return algorithm.equals("EdDSA") ? "EdDSA" : null;
  }

  /** Whether {@code key} belongs to the family {@code algorithm} needs. */
  static boolean fits(Key key, String algorithm) {
    String family = family(algorithm);
    String keyAlgorithm = key.getAlgorithm();
    if (family == null) {
      return false;
    }
    switch (family) {
      case "HMAC":
        return key instanceof javax.crypto.SecretKey && keyAlgorithm.startsWith("Hmac");
      case "RSA":
        return key instanceof java.security.interfaces.RSAPublicKey;
      case "EC":
        return key instanceof java.security.interfaces.ECPublicKey;
      default:
        return key instanceof java.security.PublicKey
            && (keyAlgorithm.equals("EdDSA")
                || keyAlgorithm.equals("Ed25519")
                || keyAlgorithm.equals("Ed448"));
    }
  }
}
