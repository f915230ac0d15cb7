package dev.frontdesk.gateway.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The API package speaks Frontdesk's and the JDK's types, and Micrometer's only for the registry. */
class MetricsApiSurfaceTest {
  static final List<Class<?>> API = List.of(GatewayMetrics.class, GatewayMetrics.Builder.class);

  @Test
  void publicSignaturesUseNoMicrometerTypeButTheRegistryAndNoInternalType() {
    List<String> offenders = new ArrayList<>();
    for (Class<?> type : API) {
      Stream.concat(Stream.of(type.getDeclaredMethods()), Stream.of(type.getDeclaredConstructors()))
          .filter(m -> Modifier.isPublic(m.getModifiers()))
          .forEach(m -> signatureTypes(m).forEach(t -> {
            String name = t.getTypeName();
            if ((name.startsWith("io.micrometer") && !name.equals("io.micrometer.core.instrument.MeterRegistry"))
                || name.contains(".internal.")) {
              offenders.add(type.getSimpleName() + "." + m.getName() + ": " + name);
            }
          }));
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void apiClassesAreFinalAndHaveNoPublicConstructor() {
    assertThat(API).allMatch(c -> Modifier.isFinal(c.getModifiers()), "final");
    assertThat(API).allMatch(c -> c.getConstructors().length == 0, "no public constructor");
  }

  private static List<Type> signatureTypes(Executable e) {
    List<Type> types = new ArrayList<>(List.of(e.getGenericParameterTypes()));
    if (e instanceof Method m) {
      types.add(m.getGenericReturnType());
    }
    return types;
  }
}
