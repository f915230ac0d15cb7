package dev.frontdesk.gateway.auth.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 digests for credentials that must not be kept or compared in clear. */
public final class Hashing {
  private Hashing() {}

  // getInstance() searches the providers on every call; a digest per thread skips that on the hot
  // path.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("every Java platform has SHA-256", e);
            }
          });

  public static byte[] sha256(String value) {
    return SHA256.get().digest(value.getBytes(StandardCharsets.UTF_8)); // digest() also resets it
  }

  /** A map key for a credential: its digest, compared by content. */
  public static ByteBuffer key(String credential) {
    return ByteBuffer.wrap(sha256(credential));
  }

  /** Compares digests in time that does not depend on where they differ. */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
