package dev.frontdesk.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * HTTP header fields: ordered, multi-valued, with names compared case-insensitively (RFC 9110
 * §5.1). Immutable; use {@link #newBuilder()} to derive a changed copy.
 *
 * <pre>{@code
 * Headers headers = Headers.builder().add("Accept", "text/html").add("accept", "*&#47;*").build();
 * headers.values("ACCEPT"); // ["text/html", "*&#47;*"]
 * }</pre>
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(new String[0]);

  /** Alternating names and values, in the order they were added. */
  private final String[] namesAndValues;

  private Headers(String[] namesAndValues) {
    this.namesAndValues = namesAndValues;
  }

  /** Headers with no fields. */
  public static Headers empty() {
    return EMPTY;
  }

  /** Headers from alternating names and values: {@code Headers.of("A", "1", "B", "2")}. */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("namesAndValues must hold name/value pairs");
    }
    Builder builder = builder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The first value of the named field, or null when absent. */
  public @Nullable String get(String name) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i].equalsIgnoreCase(name)) {
        return namesAndValues[i + 1];
      }
    }
    return null;
  }

  /** Every value of the named field, in order; empty when absent. */
  public List<String> values(String name) {
    List<String> result = null;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i].equalsIgnoreCase(name)) {
        if (result == null) {
          result = new ArrayList<>(2);
        }
        result.add(namesAndValues[i + 1]);
      }
    }
    return result == null ? List.of() : Collections.unmodifiableList(result);
  }

  public boolean contains(String name) {
    return get(name) != null;
  }

  /** The distinct field names, in first-seen order and as first spelled. */
  public Set<String> names() {
    Set<String> lower = new LinkedHashSet<>();
    Set<String> result = new LinkedHashSet<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (lower.add(namesAndValues[i].toLowerCase(Locale.ROOT))) {
        result.add(namesAndValues[i]);
      }
    }
    return Collections.unmodifiableSet(result);
  }

  /** The number of name/value pairs (a field with two values counts twice). */
  public int size() {
    return namesAndValues.length / 2;
  }

  public String name(int index) {
    return namesAndValues[index * 2];
  }

  public String value(int index) {
    return namesAndValues[index * 2 + 1];
  }

  /** Calls {@code action} for every name/value pair, in order. */
  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      action.accept(namesAndValues[i], namesAndValues[i + 1]);
    }
  }

  /** A builder holding these fields, with room for a few more without growing. */
  public Builder newBuilder() {
    Builder builder = new Builder(Math.max(16, namesAndValues.length + 8));
    Collections.addAll(
        builder.namesAndValues, namesAndValues); // no intermediate copy, unlike addAll(asList)
    return builder;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Headers h && Arrays.equals(namesAndValues, h.namesAndValues);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(namesAndValues);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Headers{");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(namesAndValues[i]).append('=').append(namesAndValues[i + 1]);
    }
    return sb.append('}').toString();
  }

  /** Builds {@link Headers}; names and values are checked for characters HTTP forbids. */
  public static final class Builder {
    private final List<String> namesAndValues;

    private Builder() {
      this(16);
    }

    private Builder(int capacity) {
      this.namesAndValues = new ArrayList<>(capacity);
    }

    /** Adds a value, keeping any existing values of the same name. */
    public Builder add(String name, String value) {
      checkName(name);
      checkValue(name, value);
      namesAndValues.add(name);
      namesAndValues.add(value.strip());
      return this;
    }

    /** Replaces every value of the name with this one. */
    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    /** Removes every value of the name. */
    public Builder remove(String name) {
      Objects.requireNonNull(name, "name");
      for (int i = namesAndValues.size() - 2; i >= 0; i -= 2) {
        if (namesAndValues.get(i).equalsIgnoreCase(name)) {
          namesAndValues.remove(i + 1);
          namesAndValues.remove(i);
        }
      }
      return this;
    }

    /** Removes every field. */
    public Builder clear() {
      namesAndValues.clear();
      return this;
    }

    /** Adds every pair of {@code headers}. */
    public Builder addAll(Headers headers) {
      Collections.addAll(namesAndValues, headers.namesAndValues);
      return this;
    }

    public @Nullable String get(String name) {
      for (int i = 0; i < namesAndValues.size(); i += 2) {
        if (namesAndValues.get(i).equalsIgnoreCase(name)) {
          return namesAndValues.get(i + 1);
        }
      }
      return null;
    }

    public Headers build() {
      return namesAndValues.isEmpty() ? EMPTY : new Headers(namesAndValues.toArray(new String[0]));
    }

    private static void checkName(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("header name is empty");
      }
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
          throw new IllegalArgumentException(
              "header name '" + name + "' has a character not allowed in a token at " + i);
        }
      }
    }

    private static void checkValue(String name, String value) {
      Objects.requireNonNull(value, "value");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < ' ' && c != '\t') || c == 0x7f) {
          throw new IllegalArgumentException(
              "header '" + name + "' has a control character in its value at " + i);
        }
      }
    }
  }
}
