package dev.frontdesk.gateway.auth;

import dev.frontdesk.gateway.BuilderProblems;
import dev.frontdesk.gateway.auth.internal.Hashing;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * API keys held in memory as SHA-256 digests only: the keys themselves are dropped once hashed, so
 * a heap dump does not reveal them. Lookups find the digest, then compare it in constant time.
 * Immutable; build a new store to change keys.
 *
 * <pre>{@code
 * ApiKeyStore keys = InMemoryApiKeyStore.builder()
 *     .key("k-3c1f...e9", ApiConsumer.of("acme", "ACME Corp", Set.of("gold")))
 *     .keyDigest("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", ApiConsumer.of("ci"))
 *     .build();
 * }</pre>
 */
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private final Map<ByteBuffer, Entry> byDigest;

  private record Entry(byte[] digest, ApiConsumer consumer) {}

  private InMemoryApiKeyStore(Map<ByteBuffer, Entry> byDigest) {
    this.byDigest = Map.copyOf(byDigest);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public @Nullable ApiConsumer findBySha256(byte[] keyDigest) {
    Objects.requireNonNull(keyDigest, "keyDigest");
    Entry entry = byDigest.get(ByteBuffer.wrap(keyDigest));
    // The map finds a candidate by digest; the final comparison does not leak where bytes differ.
    return entry != null && Hashing.constantTimeEquals(entry.digest(), keyDigest)
        ? entry.consumer()
        : null;
  }

  /** The number of keys. */
  public int size() {
    return byDigest.size();
  }

  @Override
  public String toString() {
    return "InMemoryApiKeyStore{" + byDigest.size() + " keys}";
  }

  /** Collects keys (hashed at once) and their consumers. */
  public static final class Builder {
    private final Map<ByteBuffer, Entry> byDigest = new LinkedHashMap<>();
    private final BuilderProblems recorded = new BuilderProblems("InMemoryApiKeyStore: ");

    private Builder() {}

    /**
     * The mistakes recorded so far: a bad key is recorded instead of thrown (a null still throws
     * {@link NullPointerException}), and {@link #build()} throws them all. For tools that point at
     * their own input.
     */
    public java.util.List<String> problems() {
      return recorded.list();
    }

    /**
     * Adds a key, given in clear and kept only as its SHA-256 digest. Keys shorter than 16
     * characters are refused.
     */
    public Builder key(String key, ApiConsumer consumer) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(consumer, "consumer");
      if (key.length() < 16) {
        recorded.add("key must be at least 16 characters: guessable keys are no keys");
        return this;
      }
      return add(Hashing.sha256(key), consumer);
    }

    /**
     * Adds a key by its SHA-256 digest in hex (64 characters), so configuration need not hold keys
     * in clear.
     */
    public Builder keyDigest(String sha256Hex, ApiConsumer consumer) {
      Objects.requireNonNull(sha256Hex, "sha256Hex");
      Objects.requireNonNull(consumer, "consumer");
      recorded.check(
          () -> {
            if (sha256Hex.length() != 64) {
              throw new IllegalArgumentException(
                  "sha256Hex must be 64 hex characters: " + sha256Hex.length());
            }
            add(HexFormat.of().parseHex(sha256Hex), consumer);
          });
      return this;
    }

    private Builder add(byte[] digest, ApiConsumer consumer) {
      Objects.requireNonNull(consumer, "consumer");
      if (byDigest.putIfAbsent(ByteBuffer.wrap(digest), new Entry(digest, consumer)) != null) {
        recorded.add("the same key is added twice (consumer " + consumer.id() + ")");
      }
      return this;
    }

    /**
     * The store.
     *
     * @throws dev.frontdesk.gateway.GatewayConfigException listing every key refused
     */
    public InMemoryApiKeyStore build() {
      recorded.throwIfAny();
      return new InMemoryApiKeyStore(byDigest);
    }
  }
}
