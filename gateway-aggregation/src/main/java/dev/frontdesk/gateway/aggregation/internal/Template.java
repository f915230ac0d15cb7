package dev.frontdesk.gateway.aggregation.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A text with {@code {...}} references, parsed once when the aggregation is built. Literal text is
 * used as written; each reference's value is percent-encoded when the template is a URL target.
 */
public final class Template {
  private final String source;
  private final List<Object> parts; // String literals and Refs, in order
  private final List<Ref> refs;

  private Template(String source, List<Object> parts, List<Ref> refs) {
    this.source = source;
    this.parts = parts;
    this.refs = refs;
  }

  /** Parses {@code source}; throws IllegalArgumentException naming the problem. */
  public static Template parse(String source) {
    List<Object> parts = new ArrayList<>();
    List<Ref> refs = new ArrayList<>();
    int i = 0;
    while (i < source.length()) {
      int open = source.indexOf('{', i);
      int close = source.indexOf('}', i);
      if (close >= 0 && (open < 0 || close < open)) {
        throw new IllegalArgumentException("'" + source + "' has an unmatched '}' at " + close);
      }
      if (open < 0) {
        parts.add(source.substring(i));
        break;
      }
      if (close < 0) {
        throw new IllegalArgumentException("'" + source + "' has an unclosed '{' at " + open);
      }
      if (open > i) {
        parts.add(source.substring(i, open));
      }
      Ref ref = Ref.parse(source.substring(open + 1, close));
      parts.add(ref);
      refs.add(ref);
      i = close + 1;
    }
    return new Template(source, List.copyOf(parts), List.copyOf(refs));
  }

  public List<Ref> refs() {
    return refs;
  }

  /** The single reference the whole template consists of, or null. */
  public @Nullable Ref soleRef() {
    return parts.size() == 1 && parts.get(0) instanceof Ref ref ? ref : null;
  }

  /** The text with every reference replaced by its value, percent-encoded when {@code encode}. */
  public String render(Resolver resolver, boolean encode) {
    StringBuilder sb = new StringBuilder(source.length() + 16);
    for (Object part : parts) {
      if (part instanceof Ref ref) {
        String value = resolver.text(ref);
        sb.append(encode ? UriEncoding.encode(value) : value);
      } else {
        sb.append((String) part);
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
