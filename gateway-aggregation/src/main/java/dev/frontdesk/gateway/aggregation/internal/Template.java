package dev.frontdesk.gateway.aggregation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * A text with {@code {...}} references, parsed once when the aggregation is built. Literal text is
 * used as written; each reference's value is encoded for where the text goes (a URL target, a
 * header, a JSON string).
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

  /**
   * The text with every reference replaced by its value passed through {@code encoding}, which is
   * told the reference the value came from.
   */
  public String render(Resolver resolver, BiFunction<Ref, String, String> encoding) {
    StringBuilder sb = new StringBuilder(source.length() + 16);
    for (Object part : parts) {
      sb.append(part instanceof Ref ref ? encoding.apply(ref, resolver.text(ref)) : (String) part);
    }
    return sb.toString();
  }

  /**
   * The text as a URL target, every reference's value percent-encoded. Encoding keeps '/', '?' and
   * '#' out of a value, but not a whole segment: a value that makes a path segment empty, {@code .}
   * or {@code ..} fails the leg, because normalisers (OkHttp's included) remove dot segments with
   * the one before them (RFC 3986 §5.2.4) and many servers merge {@code //}, so the call would
   * reach another path.
   */
  public String renderTarget(Resolver resolver) {
    StringBuilder sb = new StringBuilder(source.length() + 16);
    boolean inPath = true;
    int segmentStart = 0;
    @Nullable Ref inSegment = null; // the last reference whose value is in the current path segment
    for (Object part : parts) {
      if (part instanceof Ref ref) {
        sb.append(UriEncoding.encode(resolver.text(ref)));
        inSegment = ref;
        continue;
      }
      for (char c : ((String) part).toCharArray()) {
        if (inPath && (c == '/' || c == '?' || c == '#')) {
          requireNamingSegment(sb, segmentStart, inSegment);
          inPath = c == '/';
          segmentStart = sb.length() + 1;
          inSegment = null;
        }
        sb.append(c);
      }
    }
    if (inPath) {
      requireNamingSegment(sb, segmentStart, inSegment);
    }
    return sb.toString();
  }

  private static void requireNamingSegment(StringBuilder sb, int start, @Nullable Ref ref) {
    String segment = sb.substring(start);
    if (ref != null && (segment.isEmpty() || segment.equals(".") || segment.equals(".."))) {
      throw new Unresolved(
          ref.faultStatus(),
          ref
              + " would make the path segment '"
              + segment
              + "', which names no resource of its own (RFC 3986 §5.2.4)");
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
