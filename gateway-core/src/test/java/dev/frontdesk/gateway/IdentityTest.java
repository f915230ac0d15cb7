package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentityTest {
  @Test
  void anIdentityIsImmutableWhateverHappensToTheCollectionsItWasBuiltFrom() {
    Set<String> scopes = new HashSet<>(Set.of("orders:read"));
    Identity identity =
        Identity.builder("alice")
            .scopes(scopes)
            .groups(Set.of("staff"))
            .claim("tier", "gold")
            .consumerId("mobile")
            .authenticatedBy("jwt")
            .build();
    scopes.add("admin");

    assertThat(identity.subject()).isEqualTo("alice");
    assertThat(identity.scopes()).containsExactly("orders:read");
    assertThat(identity.groups()).containsExactly("staff");
    assertThat(identity.claims()).containsExactlyEntriesOf(Map.of("tier", "gold"));
    assertThat(identity.consumerId()).isEqualTo("mobile");
    assertThat(identity.authenticatedBy()).isEqualTo("jwt");
    assertThatThrownBy(() -> identity.scopes().add("admin"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> identity.claims().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void newBuilderDerivesAChangedCopy() {
    Identity basic = Identity.builder("svc").claims(Map.of("aud", List.of("a", "b"))).build();
    Identity more = basic.newBuilder().scopes(Set.of("x")).build();

    assertThat(basic.scopes()).isEmpty();
    assertThat(basic.authenticatedBy()).isEqualTo("custom");
    assertThat(more.scopes()).containsExactly("x");
    assertThat(more.claims()).isEqualTo(basic.claims());
  }

  @Test
  void anIdentityTravelsAsATypedAttribute() {
    Identity identity = Identity.builder("alice").build();
    Request request =
        Request.of("GET", "/").newBuilder().attribute(Attributes.IDENTITY, identity).build();

    Identity read = request.attribute(Attributes.IDENTITY);
    assertThat(read).isSameAs(identity);
  }
}
