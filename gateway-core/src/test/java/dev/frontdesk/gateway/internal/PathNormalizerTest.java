package dev.frontdesk.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frontdesk.gateway.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathNormalizerTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "/                    | /",
        "/api/users           | /api/users",
        "/api/users/          | /api/users/",
        "/%7Euser             | /~user",
        "/%7euser             | /~user",
        "/%61pi               | /api",
        "/a%2D%2e%5F          | /a-._",
        "/caf%c3%a9           | /caf%C3%A9",
        "/a%3ab               | /a%3Ab",
        "/a%20b               | /a%20b",
        "/.well-known/x       | /.well-known/x",
        "/a..b/c.             | /a..b/c.",
        "/a:b@c!$&'()*+,=     | /a:b@c!$&'()*+,=",
        "/%25                 | /%25",
      })
  void canonicalFormDecodesUnreservedAndUpperCasesOtherEscapes(String raw, String canonical) {
    assertThat(PathNormalizer.canonical(raw)).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "{0} -> 400 ({1})")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "/api/../admin        | a dot segment ('.' or '..') in the path",
        "/api/..              | a dot segment ('.' or '..') in the path",
        "/api/./x             | a dot segment ('.' or '..') in the path",
        "/api/%2e%2e/admin    | a dot segment ('.' or '..') in the path",
        "/api/%2E./admin      | a dot segment ('.' or '..') in the path",
        "/api/.%2E            | a dot segment ('.' or '..') in the path",
        "/api/%2e/x           | a dot segment ('.' or '..') in the path",
        "/api%2fadmin         | an encoded '/' in the path is ambiguous",
        "/api%2Fadmin         | an encoded '/' in the path is ambiguous",
        "/api%5cadmin         | an encoded '\\' in the path is ambiguous",
        "/api\\admin          | a backslash in the path is ambiguous",
        "/api;jsessionid=x    | path parameters (';') are not accepted",
        "/api//admin          | an empty path segment ('//')",
        "//api                | an empty path segment ('//')",
        "/api%00              | an encoded control character in the path",
        "/api%0d%0a           | an encoded control character in the path",
        "/api/%252e%252e      | a double-encoded character in the path",
        "/api/%2541           | a double-encoded character in the path",
        "/caf\u00e9           | the character U+00E9 must be percent-encoded in a path",
        "/a b                 | the character ' ' must be percent-encoded in a path",
        "/a%                  | a '%' in the path is not followed by two hex digits",
        "/a%4                 | a '%' in the path is not followed by two hex digits",
        "/a%zz                | a '%' in the path is not followed by two hex digits",
        "api                  | the path must start with '/'",
      })
  void ambiguousPathsAreRejectedWith400SayingWhy(String raw, String why) {
    assertThatThrownBy(() -> PathNormalizer.canonical(raw))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.detail()).isEqualTo("rejected an ambiguous request path: " + why);
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api%5Cadmin", "/x\u0000", "/x\t"})
  void controlCharactersAndUpperCaseBackslashEscapesAreRejected(String raw) {
    assertThatThrownBy(() -> PathNormalizer.canonical(raw))
        .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void pathsLongerThan8192AreAnswered414() {
    String ok = "/" + "a".repeat(8191);
    assertThat(PathNormalizer.canonical(ok)).isEqualTo(ok);
    assertThatThrownBy(() -> PathNormalizer.canonical(ok + "a"))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.status()).isEqualTo(414);
              assertThat(e.title()).isEqualTo("URI Too Long");
            });
  }

  @Test
  void segmentsAreDecodedAsUtf8AndATrailingSlashAddsNone() {
    assertThat(PathNormalizer.segments("/caf%C3%A9/a%20b/")).containsExactly("caf\u00e9", "a b");
    assertThat(PathNormalizer.segments("/")).isEmpty();
    assertThat(PathNormalizer.segments("/a+b")).containsExactly("a+b");
  }
}
