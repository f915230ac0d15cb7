package dev.frontdesk.gateway.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A compiled route path pattern: literal segments, {@code {name}} or {@code *} for exactly one
 * segment, and a final {@code **} for zero or more segments.
 */
public final class PathPattern {
  /** Segment kinds, in order of specificity (lower is more specific). */
  static final int LITERAL = 0;

  static final int VARIABLE = 1;
  static final int TAIL = 2;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String source;
  private final String[] literals;
  private final int[] kinds;
  private final String[] names;

  private PathPattern(String source, String[] literals, int[] kinds, String[] names) {
    this.source = source;
    this.literals = literals;
    this.kinds = kinds;
    this.names = names;
  }

  /** Compiles {@code pattern}; throws {@link IllegalArgumentException} naming the problem. */
  public static PathPattern compile(String pattern) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': '" + pattern + "'");
    }
    String body =
        pattern.length() > 1 && pattern.endsWith("/")
            ? pattern.substring(1, pattern.length() - 1)
            : pattern.substring(1);
    String[] parts = body.isEmpty() ? new String[0] : body.split("/", -1);
    String[] literals = new String[parts.length];
    int[] kinds = new int[parts.length];
    String[] names = new String[parts.length];
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.equals("**")) {
        if (i != parts.length - 1) {
          throw new IllegalArgumentException(
              "'**' may only be the last segment: '" + pattern + "'");
        }
        kinds[i] = TAIL;
      } else if (part.equals("*")) {
        kinds[i] = VARIABLE;
      } else if (part.startsWith("{") && part.endsWith("}")) {
        String name = part.substring(1, part.length() - 1);
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException(
              "path variable '"
                  + part
                  + "' must be {name} with a Java-like name: '"
                  + pattern
                  + "'");
        }
        if (seen.contains(name)) {
          throw new IllegalArgumentException(
              "path variable {" + name + "} appears twice: '" + pattern + "'");
        }
        seen.add(name);
        kinds[i] = VARIABLE;
        names[i] = name;
      } else {
        checkLiteral(part, pattern);
        literals[i] = PathNormalizer.decode(part);
      }
    }
    return new PathPattern(pattern, literals, kinds, names);
  }

  private static void checkLiteral(String part, String pattern) {
    if (part.isEmpty()) {
      throw new IllegalArgumentException("path has an empty segment ('//'): '" + pattern + "'");
    }
    if (part.equals(".") || part.equals("..")) {
      throw new IllegalArgumentException("path has a dot segment: '" + pattern + "'");
    }
    for (char c : part.toCharArray()) {
      if ("{}*?#;\\".indexOf(c) >= 0 || c <= ' ') {
        throw new IllegalArgumentException(
            "path segment '"
                + part
                + "' has '"
                + c
                + "': use a whole segment {name}, * or a final **: '"
                + pattern
                + "'");
      }
    }
  }

  public String source() {
    return source;
  }

  int length() {
    return kinds.length;
  }

  int kind(int index) {
    return kinds[index];
  }

  String literal(int index) {
    return literals[index];
  }

  /** The pattern with variable names erased: patterns with equal shapes match the same paths. */
  String shape() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < kinds.length; i++) {
      sb.append('/').append(kinds[i] == LITERAL ? literals[i] : kinds[i] == VARIABLE ? "{}" : "**");
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }

  /** More specific patterns sort first: position by position, literal before variable before **. */
  static int compareSpecificity(PathPattern a, PathPattern b) {
    int n = Math.min(a.kinds.length, b.kinds.length);
    for (int i = 0; i < n; i++) {
      if (a.kinds[i] != b.kinds[i]) {
        return Integer.compare(a.kinds[i], b.kinds[i]);
      }
    }
    // Where one pattern ends, the one that ends (an exact match) is more specific than a '**'.
    return Integer.compare(a.kinds.length, b.kinds.length);
  }

  /** The variables this pattern captures from already-matched segments. */
  Map<String, String> variables(String[] segments) {
    Map<String, String> vars = null;
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null) {
        if (vars == null) {
          vars = new LinkedHashMap<>(4);
        }
        vars.put(names[i], segments[i]);
      }
    }
    return vars == null ? Map.of() : vars;
  }

  @Override
  public String toString() {
    return source + " " + Arrays.toString(kinds);
  }
}
