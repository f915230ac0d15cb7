package dev.frontdesk.gateway.config.internal;

import java.util.List;
import java.util.Set;

/**
 * The keys one kind of configuration object may have. The same tables check files (unknown keys)
 * and, in the tests, the JSON Schema: each shape is the schema's {@code $defs/<name>}.
 *
 * @param name the schema definition's name
 * @param keys the allowed keys, in documentation order
 * @param exactlyOne whether an object of this shape holds exactly one of its keys (a choice)
 */
public record Shape(String name, List<String> keys, boolean exactlyOne) {
  static Shape of(String name, String... keys) {
    return new Shape(name, List.of(keys), false);
  }

  static Shape oneOf(String name, String... keys) {
    return new Shape(name, List.of(keys), true);
  }

  boolean allows(String key) {
    return keys.contains(key);
  }

  Set<String> keySet() {
    return Set.copyOf(keys);
  }
}
