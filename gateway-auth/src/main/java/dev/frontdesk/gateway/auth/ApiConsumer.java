package dev.frontdesk.gateway.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who holds an API key: an application or partner, with a stable id (it becomes the identity's
 * subject and consumer id), a display name, and groups or plans (for authorization and rate-limit
 * tiers).
 *
 * <pre>{@code
 * ApiConsumer partner = ApiConsumer.of("acme", "ACME Corp", Set.of("gold"));
 * }</pre>
 */
public final class ApiConsumer {
  private final String id;
  private final String name;
  private final Set<String> groups;

  private ApiConsumer(String id, String name, Set<String> groups) {
    this.id = id;
    this.name = name;
    this.groups = groups;
  }

  /** A consumer; {@code id} must not be blank. */
  public static ApiConsumer of(String id, String name, Set<String> groups) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    return new ApiConsumer(
        id,
        Objects.requireNonNull(name, "name"),
        Set.copyOf(Objects.requireNonNull(groups, "groups")));
  }

  /** A consumer whose name is its id and who belongs to no group. */
  public static ApiConsumer of(String id) {
    return of(id, id, Set.of());
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** Groups or plans, such as {@code gold}. */
  public Set<String> groups() {
    return groups;
  }

  @Override
  public String toString() {
    return "ApiConsumer{" + id + ", groups=" + groups + "}";
  }
}
