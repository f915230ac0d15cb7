package dev.frontdesk.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Attributes, derived requests and derived responses share state until they change it (the hot path
 * relies on that to stay cheap); these tests pin that sharing never leaks a change into the
 * original.
 */
class CopyOnWriteRequestStateTest {
  private static final AttributeKey<String> TENANT = AttributeKey.of("tenant");
  private static final AttributeKey<String> OTHER_TENANT = AttributeKey.of("tenant");
  private static final AttributeKey<Integer> PLAN = AttributeKey.of("plan");

  @Test
  void withAddsReplacesAndLeavesTheOriginalAsItWas() {
    Attributes one = Attributes.empty().with(TENANT, "acme");
    Attributes two = one.with(PLAN, 3).with(TENANT, "globex");

    assertThat(one.get(TENANT)).isEqualTo("acme");
    assertThat(one.get(PLAN)).isNull();
    assertThat(two.get(TENANT)).isEqualTo("globex");
    assertThat(two.get(PLAN)).isEqualTo(3);
    assertThat(two).hasToString("Attributes{tenant=globex, plan=3}");
  }

  @Test
  void keysWithTheSameNameAreStillDifferentKeys() {
    Attributes attributes = Attributes.empty().with(TENANT, "acme").with(OTHER_TENANT, "globex");

    assertThat(attributes.get(TENANT)).isEqualTo("acme");
    assertThat(attributes.get(OTHER_TENANT)).isEqualTo("globex");
  }

  @Test
  void withoutRemovesOnlyThatKeyFromTheCopy() {
    Attributes full = Attributes.empty().with(TENANT, "acme").with(PLAN, 3).with(OTHER_TENANT, "x");
    Attributes less = full.without(PLAN);

    assertThat(less.get(PLAN)).isNull();
    assertThat(less.get(TENANT)).isEqualTo("acme");
    assertThat(less.get(OTHER_TENANT)).isEqualTo("x");
    assertThat(full.get(PLAN)).isEqualTo(3);
    assertThat(less.without(PLAN)).isSameAs(less);
    assertThat(Attributes.empty().with(PLAN, 1).without(PLAN)).hasToString("Attributes{}");
  }

  @Test
  void aDerivedRequestKeepsTheHeadersUntilItChangesThem() {
    Request original =
        Request.builder()
            .path("/a")
            .header("Accept", "text/plain")
            .addHeader("X-Trace", "1")
            .addHeader("X-Trace", "2")
            .build();

    Request same = original.newBuilder().path("/b").attribute(TENANT, "acme").build();
    Request changed =
        original
            .newBuilder()
            .header("Accept", "application/json")
            .removeHeader("X-Trace")
            .addHeader("X-New", "yes")
            .build();

    assertThat(same.headers()).isEqualTo(original.headers());
    assertThat(same.headers().values("X-Trace")).containsExactly("1", "2");
    assertThat(changed.header("Accept")).isEqualTo("application/json");
    assertThat(changed.headers().values("X-Trace")).isEmpty();
    assertThat(changed.header("X-New")).isEqualTo("yes");
    assertThat(original.header("Accept")).isEqualTo("text/plain");
    assertThat(original.headers().values("X-Trace")).containsExactly("1", "2");
    assertThat(original.header("X-New")).isNull();
    assertThat(original.attribute(TENANT)).isNull();
  }

  @Test
  void replacingAllHeadersThenEditingStartsFromTheReplacement() {
    Request original = Request.builder().header("A", "1").build();

    Request derived =
        original.newBuilder().headers(Headers.of("B", "2")).addHeader("C", "3").build();

    assertThat(derived.headers()).isEqualTo(Headers.of("B", "2", "C", "3"));
    assertThat(original.headers()).isEqualTo(Headers.of("A", "1"));
  }

  @Test
  void aDerivedResponseKeepsTheHeadersUntilItChangesThem() {
    Response original =
        Response.builder()
            .header("Content-Type", "text/plain")
            .addHeader("X-Trace", "1")
            .addHeader("X-Trace", "2")
            .build();

    Response same = original.newBuilder().status(201).body(Body.of("new")).build();
    Response changed =
        original
            .newBuilder()
            .header("Content-Type", "application/json")
            .removeHeader("X-Trace")
            .addHeader("X-New", "yes")
            .build();

    assertThat(same.headers()).isSameAs(original.headers());
    assertThat(changed.headers())
        .isEqualTo(Headers.of("Content-Type", "application/json", "X-New", "yes"));
    assertThat(original.headers())
        .isEqualTo(Headers.of("Content-Type", "text/plain", "X-Trace", "1", "X-Trace", "2"));
  }

  @Test
  void replacingAllResponseHeadersThenEditingStartsFromTheReplacement() {
    Response original = Response.builder().header("A", "1").build();
    Response.Builder builder =
        original.newBuilder().addHeader("Lost", "x").headers(Headers.of("B", "2"));

    Response first = builder.addHeader("C", "3").build();
    Response second = builder.header("B", "4").build();

    assertThat(first.headers()).isEqualTo(Headers.of("B", "2", "C", "3"));
    assertThat(second.headers()).isEqualTo(Headers.of("C", "3", "B", "4"));
    assertThat(original.headers()).isEqualTo(Headers.of("A", "1"));
  }
}
