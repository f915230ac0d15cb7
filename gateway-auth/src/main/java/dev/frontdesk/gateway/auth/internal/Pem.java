package dev.frontdesk.gateway.auth.internal;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** Reads a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo, RFC 7468 §13) of any JWS family. */
public final class Pem {
  private static final List<String> FAMILIES = List.of("RSA", "EC", "Ed25519", "Ed448");

  private Pem() {}

  public static PublicKey publicKey(String pem) {
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    if (body.isEmpty() || pem.contains("PRIVATE KEY")) {
      throw new IllegalArgumentException("pem must hold one -----BEGIN PUBLIC KEY----- block");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("pem: the key is not valid base64", e);
    }
    for (String family : FAMILIES) {
      try {
        return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
      } catch (InvalidKeySpecException | NoSuchAlgorithmException | ClassCastException e) {
        // not this family; try the next
      }
    }
    throw new IllegalArgumentException("pem: not an RSA, EC or EdDSA public key");
  }
}
