package dev.frontdesk.gateway.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The API package speaks its own types, core's and Jackson's: never the internal package's. */
class ApiSurfaceTest {
  private static final List<Class<?>> API = List.of(Aggregation.class, Aggregation.Builder.class,
      Leg.class, CollisionPolicy.class, Composer.class, LegResults.class);

  @Test
  void noPublicSignatureMentionsAnInternalType() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : API) {
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())) {
          Stream.concat(Stream.of(m.getReturnType()), Stream.of(m.getParameterTypes()))
              .filter(ApiSurfaceTest::isInternal)
              .forEach(t -> leaks.add(type.getSimpleName() + "." + m.getName() + " uses " + t.getName()));
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (Modifier.isPublic(c.getModifiers())) {
          Stream.of(c.getParameterTypes()).filter(ApiSurfaceTest::isInternal)
              .forEach(t -> leaks.add(type.getSimpleName() + "(..) uses " + t.getName()));
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void implementationsAreFinal() {
    for (Class<?> type : List.of(Aggregation.class, Aggregation.Builder.class, Leg.class, LegResults.class)) {
      assertThat(Modifier.isFinal(type.getModifiers())).as(type.getName()).isTrue();
    }
  }

  private static boolean isInternal(Class<?> type) {
    return type.getName().contains(".internal.") || type.getName().startsWith("okhttp3.");
  }
}
