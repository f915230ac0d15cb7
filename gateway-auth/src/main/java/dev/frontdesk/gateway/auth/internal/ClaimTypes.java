package dev.frontdesk.gateway.auth.internal;

import io.jsonwebtoken.io.DeserializationException;
import io.jsonwebtoken.io.Deserializer;
import java.io.Reader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * The JSON reader jjwt parses tokens with, wrapped so that the registered time claims keep their
 * RFC 7519 type. {@code exp}, {@code nbf} and {@code iat} are NumericDate values, that is JSON
 * numbers (§2, §4.1.4–4.1.6); jjwt also accepts strings (digits or ISO 8601 dates) and turns them
 * into dates, which would let tokens from a lax or hostile issuer pass. The check has to see the
 * raw JSON value: after jjwt's conversion a string and a number look the same.
 *
 * <p>A claim of the wrong type is not refused here: jjwt treats a payload its reader throws on as
 * opaque content and would report "not a signed JWT", losing the reason. Instead the claim is
 * replaced by a marker, jjwt goes on to check the signature (a forged token still reads as one),
 * and {@link #notNumericDate} finds the marker in the result. A token that carries a marker itself
 * only gets itself refused. jjwt reads the header through the same reader; a header repeating a
 * time claim (RFC 7519 §5.3) is held to the same rule.
 */
final class ClaimTypes implements Deserializer<Map<String, ?>> {
  private static final List<String> NUMERIC_DATES = List.of("exp", "nbf", "iat");
  private static final String MARKER = "frontdesk:not-a-numeric-date:";

  private final Deserializer<Map<String, ?>> json;

  private ClaimTypes(Deserializer<Map<String, ?>> json) {
    this.json = json;
  }

  /** Wraps the JSON reader jjwt would find itself (jjwt-jackson, through {@link ServiceLoader}). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static ClaimTypes checking() {
    Iterator<Deserializer> found =
        ServiceLoader.load(Deserializer.class, ClaimTypes.class.getClassLoader()).iterator();
    if (!found.hasNext()) {
      throw new IllegalStateException(
          "no io.jsonwebtoken.io.Deserializer on the class path: add jjwt-jackson");
    }
    return new ClaimTypes((Deserializer<Map<String, ?>>) found.next());
  }

  /** The first time claim that was not a JSON number in any of these maps, or null. */
  static @Nullable String notNumericDate(Map<String, ?> header, Map<String, ?> claims) {
    for (String name : NUMERIC_DATES) {
      if (header.containsKey(MARKER + name) || claims.containsKey(MARKER + name)) {
        return name;
      }
    }
    return null;
  }

  @Override
  @Deprecated
  public Map<String, ?> deserialize(byte[] bytes) {
    return marked(json.deserialize(bytes));
  }

  @Override
  public Map<String, ?> deserialize(Reader reader) throws DeserializationException {
    return marked(json.deserialize(reader));
  }

  private static Map<String, ?> marked(Map<String, ?> values) {
    Map<String, @Nullable Object> result = null;
    for (String name : NUMERIC_DATES) {
      if (values.containsKey(name) && !(values.get(name) instanceof Number)) {
        if (result == null) {
          result = new LinkedHashMap<>(values);
        }
        result.remove(name);
        result.put(MARKER + name, true);
      }
    }
    return result == null ? values : result;
  }
}
