package dev.frontdesk.gateway.auth;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Where API keys live. The gateway hands a store only the SHA-256 digest of the key a client
 * presented, so a store (a database table, a secrets service) never needs to hold or see keys in
 * clear. {@link InMemoryApiKeyStore} is the built-in one.
 */
@FunctionalInterface
public interface ApiKeyStore {
  /**
   * The consumer whose key has this SHA-256 digest, or null when no key matches. Implementations
   * should compare digests in constant time ({@link java.security.MessageDigest#isEqual}).
   *
   * @throws IOException when the store cannot be reached (the client gets 502)
   */
  @Nullable ApiConsumer findBySha256(byte[] keyDigest) throws IOException;
}
