package dev.frontdesk.gateway;

import java.util.Objects;

/**
 * A typed key for a value carried along with a request: the matched route, path variables, the
 * authenticated identity. Keys compare by identity, so two keys with the same name never clash.
 *
 * <pre>{@code
 * static final AttributeKey<String> TENANT = AttributeKey.of("tenant");
 * request.newBuilder().attribute(TENANT, "acme").build();
 * }</pre>
 *
 * @param <T> the type of the value stored under the key
 */
public final class AttributeKey<T> {
  private final String name;

  private AttributeKey(String name) {
    this.name = name;
  }

  /** A new key; {@code name} is for humans (logs, toString) and need not be unique. */
  public static <T> AttributeKey<T> of(String name) {
    return new AttributeKey<>(Objects.requireNonNull(name, "name"));
  }

  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "AttributeKey{" + name + "}";
  }
}
