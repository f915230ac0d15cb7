package dev.frontdesk.gateway.auth.internal;

import dev.frontdesk.gateway.Identity;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns claims into an {@link Identity}: scopes from {@code scope} or {@code scp} (a
 * space-separated string, RFC 8693 §4.2, or an array as some providers send), groups from the
 * configured claims, the consumer from {@code client_id} or {@code azp}.
 */
public final class ClaimMapping {
  private final String subjectClaim;
  private final List<String> groupClaims;
  private final String authenticatedBy;

  public ClaimMapping(String subjectClaim, List<String> groupClaims, String authenticatedBy) {
    this.subjectClaim = subjectClaim;
    this.groupClaims = List.copyOf(groupClaims);
    this.authenticatedBy = authenticatedBy;
  }

  /** The identity; a token without a subject is rejected. */
  public Identity identity(Map<String, Object> claims) {
    Object subject = claims.get(subjectClaim);
    if (!(subject instanceof String s) || s.isBlank()) {
      throw new TokenRejected("the token has no subject ('" + subjectClaim + "' claim)");
    }
    Set<String> groups = new LinkedHashSet<>();
    groupClaims.forEach(name -> groups.addAll(strings(claims.get(name))));
    return Identity.builder(s)
        .consumerId(consumer(claims))
        .scopes(scopes(claims))
        .groups(groups)
        .claims(claims)
        .authenticatedBy(authenticatedBy)
        .build();
  }

  private static @Nullable String consumer(Map<String, Object> claims) {
    Object clientId = claims.get("client_id");
    if (clientId instanceof String id) {
      return id;
    }
    return claims.get("azp") instanceof String azp ? azp : null;
  }

  /** The union of {@code scope} and {@code scp}. */
  public static Set<String> scopes(Map<String, Object> claims) {
    Set<String> scopes = new LinkedHashSet<>(strings(claims.get("scope")));
    scopes.addAll(strings(claims.get("scp")));
    return scopes;
  }

  /**
   * A claim as strings: a space-separated string is split, an array is taken element by element (an
   * element with a space stays one value; {@code IdentityForwarding} encodes that space so the
   * backend reads the same one value).
   */
  public static Set<String> strings(@Nullable Object value) {
    Set<String> result = new LinkedHashSet<>();
    if (value instanceof String s) {
      for (String part : s.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          result.add(part);
        }
      }
    } else if (value instanceof Collection<?> values) {
      values.forEach(
          v -> {
            if (v instanceof String s && !s.isBlank()) {
              result.add(s);
            }
          });
    }
    return result;
  }
}
