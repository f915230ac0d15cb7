package dev.frontdesk.gateway.transform.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.frontdesk.gateway.Attributes;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Identity;
import dev.frontdesk.gateway.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A text with {@code {...}} references to the request, parsed once at build time, in the syntax of
 * gateway-aggregation's templates: {@code {id}} or {@code {path.id}}, {@code {query.q}}, {@code
 * {header.Name}}, {@code {identity.sub}}, {@code {identity.consumer}}, {@code
 * {identity.authenticatedBy}}, {@code {identity.claim.tenant}}. A template that is exactly one
 * reference gives that value with its JSON type (a numeric claim stays a number); otherwise the
 * values are spliced in as text.
 */
public final class Template {
  private static final Set<String> SOURCES = Set.of("path", "query", "header", "identity");
  private static final Set<String> IDENTITY_KEYS =
      Set.of("sub", "subject", "consumer", "authenticatedBy");

  private final String source;
  private final List<Object> parts; // String literals and String[]{source, key} references

  private Template(String source, List<Object> parts) {
    this.source = source;
    this.parts = parts;
  }

  /** Parses {@code source}; throws IllegalArgumentException naming the problem. */
  public static Template parse(String source) {
    List<Object> parts = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      int open = source.indexOf('{', i);
      int close = source.indexOf('}', i);
      if (close >= 0 && (open < 0 || close < open)) {
        throw new IllegalArgumentException(
            "template '" + source + "' has an unmatched '}' at " + close);
      }
      if (open < 0) {
        parts.add(source.substring(i));
        break;
      }
      if (close < 0) {
        throw new IllegalArgumentException(
            "template '" + source + "' has an unclosed '{' at " + open);
      }
      if (open > i) {
        parts.add(source.substring(i, open));
      }
      parts.add(reference(source, source.substring(open + 1, close)));
      i = close + 1;
    }
    return new Template(source, List.copyOf(parts));
  }

  private static String[] reference(String template, String text) {
    int dot = text.indexOf('.');
    String[] ref =
        dot < 0
            ? new String[] {"path", text}
            : new String[] {text.substring(0, dot), text.substring(dot + 1)};
    boolean ok =
        !ref[1].isEmpty()
            && SOURCES.contains(ref[0])
            && (!ref[0].equals("identity")
                || IDENTITY_KEYS.contains(ref[1])
                || (ref[1].startsWith("claim.") && ref[1].length() > 6));
    if (!ok) {
      throw new IllegalArgumentException(
          "template '"
              + template
              + "': reference {"
              + text
              + "} must be {name}, {path.name}, {query.name}, {header.Name}, {identity.sub},"
              + " {identity.consumer}, {identity.authenticatedBy} or {identity.claim.name}");
    }
    return ref;
  }

  /**
   * The value for this request.
   *
   * @throws GatewayException 401 when an identity value is asked for and none was proved, 400 when
   *     the request lacks a path variable, query parameter or header the template names
   */
  public JsonNode resolve(Request request, ObjectMapper mapper) {
    if (parts.size() == 1 && parts.get(0) instanceof String[] ref) {
      Object value = value(ref, request);
      return value instanceof String s ? TextNode.valueOf(s) : mapper.valueToTree(value);
    }
    StringBuilder sb = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof String[] ref) {
        Object value = value(ref, request);
        sb.append(value instanceof String s ? s : mapper.valueToTree(value).toString());
      } else {
        sb.append((String) part);
      }
    }
    return TextNode.valueOf(sb.toString());
  }

  private Object value(String[] ref, Request request) {
    Object value =
        switch (ref[0]) {
          case "path" -> request.pathVariable(ref[1]);
          case "query" -> Query.parse(request.query()).first(ref[1]);
          case "header" -> request.header(ref[1]);
          default -> identityValue(ref[1], request);
        };
    if (value == null) {
      throw GatewayException.badRequest(
          "the request has no "
              + ref[0]
              + " value '"
              + ref[1]
              + "' for the template '"
              + source
              + "'");
    }
    return value;
  }

  private static @Nullable Object identityValue(String key, Request request) {
    Identity identity = request.attribute(Attributes.IDENTITY);
    if (identity == null) {
      throw GatewayException.unauthorized("authentication is required");
    }
    return switch (key) {
      case "sub", "subject" -> identity.subject();
      case "consumer" -> identity.consumerId();
      case "authenticatedBy" -> identity.authenticatedBy();
      default -> identity.claims().get(key.substring("claim.".length()));
    };
  }

  @Override
  public String toString() {
    return source;
  }
}
