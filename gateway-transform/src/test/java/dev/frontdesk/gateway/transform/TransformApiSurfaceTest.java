package dev.frontdesk.gateway.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API package speaks Frontdesk's and the JDK's types, and Jackson's {@code JsonNode} only
 * where a custom function needs it; it hides its implementations.
 */
class TransformApiSurfaceTest {
  static final List<Class<?>> API = List.of(RequestTransform.class, RequestTransform.Builder.class,
      ResponseTransform.class, ResponseTransform.Builder.class, JsonTransform.class, JsonTransform.Builder.class,
      ResponseCompression.class, ResponseCompression.Builder.class);

  @Test
  void publicSignaturesUseNoThirdPartyOrInternalTypesButJsonNode() {
    List<String> offenders = new ArrayList<>();
    for (Class<?> type : API) {
      Stream.concat(Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors()))
          .filter(m -> Modifier.isPublic(m.getModifiers()))
          .forEach(m -> signatureTypes(m).forEach(t -> {
            String name = t.getTypeName().replace("com.fasterxml.jackson.databind.JsonNode", "");
            if (name.contains("fasterxml") || name.contains("ctc.wstx") || name.contains(".internal.")) {
              offenders.add(type.getSimpleName() + "." + m.getName() + ": " + t.getTypeName());
            }
          }));
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void concreteApiClassesAreFinal() {
    assertThat(API).allMatch(c -> Modifier.isFinal(c.getModifiers()), "final");
  }

  private static List<Type> signatureTypes(Executable e) {
    List<Type> types = new ArrayList<>(List.of(e.getGenericParameterTypes()));
    if (e instanceof Method m) {
      types.add(m.getGenericReturnType());
    }
    return types;
  }
}
