package dev.frontdesk.gateway.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.Gateway;
import dev.frontdesk.gateway.GatewayConfigException;
import dev.frontdesk.gateway.Upstream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuildValidationTest {

  /** The problems the gateway's build() lists for a route whose target is {@code aggregation}. */
  private static java.util.List<String> problems(Aggregation aggregation) {
    try (Gateway gateway =
        Gateway.builder()
            .upstream(Upstream.of("users", "http://localhost:1"))
            .upstream(Upstream.of("orders", "http://localhost:1"))
            .upstream(Upstream.of("products", "http://localhost:1"))
            .route("home", r -> r.get("/api/home").handleWithUpstreams(aggregation))
            .build()) {
      throw new AssertionError("the gateway was built: " + gateway);
    } catch (GatewayConfigException e) {
      return e.problems();
    }
  }

  @Test
  void aDependencyCycleIsRejectedWithItsPath() {
    assertThat(
            problems(
                Aggregation.builder()
                    .call("a", c -> c.get("users", "/a?x={c:/x}"))
                    .call("b", c -> c.get("users", "/b?x={a:/x}"))
                    .call("c", c -> c.get("users", "/c?x={b:/x}"))
                    .build()))
        .containsExactly("route 'home': legs depend on each other in a cycle: a -> c -> b -> a");
  }

  @Test
  void referencesToUnknownLegsAndSelfAreAllListed() {
    assertThat(
            problems(
                Aggregation.builder()
                    .call("profile", c -> c.get("users", "/users/{profil:/id}"))
                    .call(
                        "orders",
                        c -> c.get("orders", "/orders/{orders:/id}").forEach("cart", "/lines"))
                    .build()))
        .containsExactly(
            "route 'home': leg 'profile': reference {profil:/id} refers to unknown leg 'profil' (declared: [profile, orders])",
            "route 'home': leg 'orders': forEach refers to unknown leg 'cart' (declared: [profile, orders])",
            "route 'home': leg 'orders': reference {orders:/id} refers to the leg itself");
  }

  @Test
  void itemOutsideAForEachLegAndALegWithoutARequestAreRejected() {
    assertThat(
            problems(
                Aggregation.builder()
                    .call("products", c -> c.get("products", "/products/{item:/sku}"))
                    .call("empty", c -> c.timeout(Duration.ofSeconds(1)))
                    .build()))
        .containsExactly(
            "route 'home': leg 'products' uses {item:/sku} but is not a forEach(...) leg",
            "route 'home': leg 'empty' has no request: call get/post/put/delete(upstream, target)");
  }

  @Test
  void malformedTemplatesAndOptionsAreRecordedAndReportedByTheGatewayBuild() {
    assertThat(
            problems(
                Aggregation.builder()
                    .call("a", c -> c.get("users", "/users/{identity.password}"))
                    .build()))
        .containsExactly(
            "route 'home': leg 'a': reference {identity.password} must be identity.sub, identity.consumer, identity.authenticatedBy or identity.claim.<name>");
    assertThat(problems(Aggregation.builder().call("a", c -> c.get("users", "/users/{id")).build()))
        .containsExactly("route 'home': leg 'a': '/users/{id' has an unclosed '{' at 7");
    assertThat(
            problems(
                Aggregation.builder()
                    .call("a", c -> c.get("users", "/x?q={profile:segment}"))
                    .build()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith(
            "route 'home': leg 'a': reference {profile:segment} has an invalid JSON Pointer 'segment'");
    assertThat(problems(Aggregation.builder().call("item", c -> c.get("users", "/x")).build()))
        .containsExactly("route 'home': name 'item' is reserved for references");
    assertThat(
            problems(
                Aggregation.builder()
                    .call("a", c -> c.get("users", "/x"))
                    .call("a", c -> c.get("users", "/y"))
                    .build()))
        .containsExactly("route 'home': leg 'a' is declared twice");
    assertThat(
            problems(
                Aggregation.builder()
                    .call("a", c -> c.get("users", "/x").timeout(Duration.ZERO))
                    .build()))
        .containsExactly("route 'home': leg 'a': timeout must be positive: PT0S");
    assertThat(
            problems(
                Aggregation.builder()
                    .call("a", c -> c.get("users", "/x").body("{not json"))
                    .build()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("route 'home': leg 'a': not valid JSON");
  }

  @Test
  void oneGatewayBuildReportsEveryMistakeOfEveryLegAndTheAggregation() {
    Aggregation aggregation =
        Aggregation.builder()
            .timeout(Duration.ofSeconds(-1))
            .maxResponseBytes(0)
            .call(
                "profile", c -> c.get("users", "users/1").maxResponseBytes(0).passThrough(200, 404))
            .call("orders", c -> c.get("orders", "/orders").concurrency(0).select("no-slash"))
            .call("9lives", c -> c.get("users", "/x"))
            .build(); // does not throw

    assertThat(problems(aggregation))
        .containsExactly(
            "route 'home': timeout must be positive: PT-1S",
            "route 'home': maxResponseBytes must be positive: 0",
            "route 'home': name must start with a letter and hold only letters, digits, '-' and '_': '9lives'",
            "route 'home': leg 'profile': target must start with '/' and hold no spaces or '#': 'users/1'",
            "route 'home': leg 'profile': maxResponseBytes must be positive: 0",
            "route 'home': leg 'profile': statuses must be 400..599: 200",
            "route 'home': leg 'orders': concurrency must be positive: 0",
            "route 'home': leg 'orders': Invalid input: JSON Pointer expression must start with '/': \"no-slash\"");
  }

  @Test
  void twoMergedLegsThatMayShareKeysFailBuildUntilAPolicyIsDeclared() {
    Aggregation.Builder builder =
        Aggregation.builder()
            .call("profile", c -> c.get("users", "/users/1").merge())
            .call("account", c -> c.get("users", "/accounts/1").merge());

    assertThat(problems(builder.build()))
        .containsExactly(
            "route 'home': leg 'profile' and leg 'account'"
                + " may write the same keys (a merged leg without include(..) can write any key): declare"
                + " onCollision(NAMESPACE | FIRST_WINS | DEEP_MERGE | APPEND) or make the keys disjoint with"
                + " include(..)/rename(..)/as(..)");
    assertThat(
            builder.onCollision(CollisionPolicy.FIRST_WINS).build().create(name -> request -> null))
        .isNotNull();
  }

  @Test
  void mergedLegsWithOverlappingAllowListsOrNestedUnderOneKeyCollide() {
    assertThat(
            problems(
                Aggregation.builder()
                    .call("profile", c -> c.get("users", "/users/1").merge().include("id", "name"))
                    .call(
                        "account", c -> c.get("users", "/accounts/1").merge().include("id", "plan"))
                    .call("orders", c -> c.get("orders", "/orders").as("plan"))
                    .build()))
        .anySatisfy(p -> assertThat(p).contains("leg 'profile' and leg 'account' both write [id]"))
        .anySatisfy(
            p -> assertThat(p).contains("leg 'account' and leg 'orders' both write [plan]"));
    assertThat(
            Aggregation.builder()
                .call("profile", c -> c.get("users", "/users/1").merge().include("id", "name"))
                .call(
                    "account",
                    c ->
                        c.get("users", "/accounts/1")
                            .merge()
                            .include("id", "plan")
                            .rename("id", "accountId"))
                .call("orders", c -> c.get("orders", "/orders"))
                .build()
                .create(name -> request -> null))
        .isNotNull();
  }

  @Test
  void anUnknownUpstreamFailsTheGatewayBuildNamingTheLeg() {
    Aggregation aggregation =
        Aggregation.builder().call("profile", c -> c.get("accounts", "/users/1")).build();

    assertThatThrownBy(
            () ->
                Gateway.builder()
                    .upstream(Upstream.of("users", "http://localhost:1"))
                    .route("home", r -> r.get("/api/home").handleWithUpstreams(aggregation))
                    .build())
        .isInstanceOf(GatewayConfigException.class)
        .hasMessageContaining(
            "route 'home': aggregation leg 'profile': unknown upstream 'accounts' (declared: [users])");
  }
}
