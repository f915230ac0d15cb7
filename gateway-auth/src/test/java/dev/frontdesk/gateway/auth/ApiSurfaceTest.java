package dev.frontdesk.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public package speaks Frontdesk's and the JDK's types: no jjwt, Caffeine or internal types leak. */
class ApiSurfaceTest {
  static final List<String> FORBIDDEN = List.of("io.jsonwebtoken", "com.github.benmanes", "dev.frontdesk.gateway.auth.internal");

  static List<Class<?>> publicApi() throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(Authentication.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("dev/frontdesk/gateway/auth");
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = file.getFileName().toString().replace(".class", "");
        Class<?> type = Class.forName("dev.frontdesk.gateway.auth." + name.replace('$', '.').replaceAll("\\.(\\w+)$", "\\$$1"));
        if (Modifier.isPublic(type.getModifiers())) {
          classes.add(type);
        }
      }
    }
    return classes;
  }

  @Test
  void publicSignaturesUseNoThirdPartyOrInternalTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicApi()) {
      List<Executable> members = new ArrayList<>(List.of(type.getDeclaredConstructors()));
      members.addAll(List.of(type.getDeclaredMethods()));
      for (Executable member : members) {
        if (!Modifier.isPublic(member.getModifiers()) && !Modifier.isProtected(member.getModifiers())) {
          continue;
        }
        String signature = member.toGenericString()
            + (member instanceof Method m ? " " + m.getGenericReturnType().getTypeName() : "");
        FORBIDDEN.stream().filter(signature::contains).forEach(p -> leaks.add(type.getSimpleName() + ": " + signature));
      }
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isPublic(field.getModifiers())) {
          FORBIDDEN.stream().filter(field.getGenericType().getTypeName()::contains).forEach(p -> leaks.add(field.toString()));
        }
      }
    }
    assertThat(leaks).isEmpty();
    assertThat(publicApi()).hasSizeGreaterThan(10);
  }

  @Test
  void publicClassesAreFinalOrInterfaces() throws Exception {
    assertThat(publicApi())
        .filteredOn(c -> !c.isInterface() && !c.isRecord())
        .allMatch(c -> Modifier.isFinal(c.getModifiers()), "final");
  }
}
