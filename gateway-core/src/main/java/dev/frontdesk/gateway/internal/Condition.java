package dev.frontdesk.gateway.internal;

import dev.frontdesk.gateway.Request;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A header or query-parameter condition of a route: the name is present, has an exact value, or has
 * a value matching a regular expression (the whole value).
 */
public record Condition(
    Source source, String name, @Nullable String value, @Nullable Pattern regex) {
  /** Where the condition looks. */
  public enum Source {
    HEADER,
    QUERY
  }

  public static Condition present(Source source, String name) {
    return new Condition(source, name, null, null);
  }

  public static Condition equalTo(Source source, String name, String value) {
    return new Condition(source, name, value, null);
  }

  public static Condition matching(Source source, String name, String regex) {
    return new Condition(source, name, null, Pattern.compile(regex));
  }

  boolean test(Request request, QueryParameters query) {
    Iterable<String> values =
        source == Source.HEADER ? request.headers().values(name) : query.values(name);
    for (String v : values) {
      // neither a value nor a pattern: the header or parameter only has to be present
      if (value != null ? value.equals(v) : regex == null || regex.matcher(v).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Condition c
        && c.source == source
        && (source == Source.QUERY ? c.name.equals(name) : c.name.equalsIgnoreCase(name))
        && java.util.Objects.equals(c.value, value)
        && java.util.Objects.equals(
            c.regex == null ? null : c.regex.pattern(), regex == null ? null : regex.pattern());
  }

  @Override
  public int hashCode() {
    return source.hashCode() * 31 + name.toLowerCase(java.util.Locale.ROOT).hashCode();
  }

  @Override
  public String toString() {
    String where = source == Source.HEADER ? "header " : "query ";
    return where
        + name
        + (value != null ? "=" + value : regex != null ? "~" + regex.pattern() : "");
  }
}
