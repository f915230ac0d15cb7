package dev.frontdesk.gateway.aggregation.internal;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Locale;
import java.util.Set;

/**
 * One {@code {...}} reference in a template. The forms:
 *
 * <ul>
 *   <li>{@code {id}} or {@code {path.id}}: a path variable of the matched route;
 *   <li>{@code {query.name}}, {@code {header.Name}}: the client's query parameter or header;
 *   <li>{@code {identity.sub}}, {@code {identity.consumer}}, {@code {identity.claim.tenant}}: the
 *       authenticated identity;
 *   <li>{@code {leg:/pointer}}: a JSON Pointer into an earlier leg's result (the leg waits for it);
 *   <li>{@code {item}} or {@code {item:/pointer}}: the current element of a fan-out leg;
 *   <li>{@code {body:/pointer}}: a JSON Pointer into the client's JSON body.
 * </ul>
 */
public record Ref(Kind kind, String name, JsonPointer pointer, String text) {
  /**
   * The status a value that cannot be used fails its leg with: from an upstream's answer (a leg's
   * result, a fan-out item) it is the upstream's fault, 502; otherwise the client's input, 400.
   */
  public int faultStatus() {
    return kind == Kind.LEG || kind == Kind.ITEM ? 502 : 400;
  }

  /** Where a reference takes its value from. */
  public enum Kind {
    PATH,
    QUERY,
    HEADER,
    IDENTITY,
    LEG,
    ITEM,
    BODY
  }

  /** Names that cannot be leg names because references use them. */
  public static final Set<String> RESERVED =
      Set.of("item", "body", "path", "query", "header", "identity");

  private static final Set<String> IDENTITY_KEYS =
      Set.of("sub", "subject", "consumer", "authenticatedby");

  /** Parses the text between the braces; throws IllegalArgumentException naming the problem. */
  public static Ref parse(String text) {
    int colon = text.indexOf(':');
    if (colon >= 0) {
      String name = text.substring(0, colon);
      JsonPointer pointer = pointer(text.substring(colon + 1), text);
      Kind kind = name.equals("item") ? Kind.ITEM : name.equals("body") ? Kind.BODY : Kind.LEG;
      requireName(name, text);
      return new Ref(kind, name, pointer, text);
    }
    int dot = text.indexOf('.');
    if (dot < 0) {
      requireName(text, text);
      Kind kind = text.equals("item") ? Kind.ITEM : Kind.PATH;
      return new Ref(kind, text, JsonPointer.empty(), text);
    }
    String namespace = text.substring(0, dot);
    String key = text.substring(dot + 1);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("reference {" + text + "} names no key after '.'");
    }
    Kind kind =
        switch (namespace) {
          case "path" -> Kind.PATH;
          case "query" -> Kind.QUERY;
          case "header" -> Kind.HEADER;
          case "identity" -> Kind.IDENTITY;
          default ->
              throw new IllegalArgumentException(
                  "reference {"
                      + text
                      + "} has unknown source '"
                      + namespace
                      + "' (use path, query, header, identity, or leg:/pointer)");
        };
    if (kind == Kind.IDENTITY
        && !IDENTITY_KEYS.contains(key.toLowerCase(Locale.ROOT))
        && !key.startsWith("claim.")) {
      throw new IllegalArgumentException(
          "reference {"
              + text
              + "} must be identity.sub, identity.consumer, identity.authenticatedBy or identity.claim.<name>");
    }
    return new Ref(kind, key, JsonPointer.empty(), text);
  }

  private static JsonPointer pointer(String pointer, String text) {
    try {
      return JsonPointer.compile(pointer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "reference {"
              + text
              + "} has an invalid JSON Pointer '"
              + pointer
              + "' (it must be empty or start with '/')",
          e);
    }
  }

  private static void requireName(String name, String text) {
    if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException(
          "reference {" + text + "} has an invalid name '" + name + "'");
    }
  }

  @Override
  public String toString() {
    return "{" + text + "}";
  }
}
