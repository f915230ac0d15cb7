package dev.frontdesk.gateway.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Scalar conversions, worded once. */
final class Values {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Values() {}

  /** A string value with secrets substituted; reports any other kind. */
  static @Nullable String string(Ctx ctx, String path, JsonNode node) {
    if (!node.isTextual()) {
      ctx.problem(path, "expected a string, got " + Obj.kind(node));
      return null;
    }
    return ctx.substitute(node.textValue(), path);
  }

  /** {@code 250ms}, {@code 5s}, {@code 1m}, {@code 2h}, {@code 1d}. */
  static @Nullable Duration duration(Ctx ctx, String path, String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      ctx.problem(
          path,
          "invalid duration '"
              + text
              + "': use a whole number and a unit: 250ms, 5s, 1m, 2h or 1d");
      return null;
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      ctx.problem(path, "invalid duration '" + text + "': too long");
      return null;
    }
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  /** A duration from a node at {@code path}. */
  static @Nullable Duration duration(Ctx ctx, String path, JsonNode node) {
    String text = string(ctx, path, node);
    return text == null ? null : duration(ctx, path, text);
  }
}
