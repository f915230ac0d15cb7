package dev.frontdesk.gateway.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The public package shows the user's {@code OpenTelemetry} and nothing else of OpenTelemetry or of internal. */
class TracingApiSurfaceTest {
  private static final Pattern FOREIGN = Pattern.compile("io\\.opentelemetry\\.[\\w.$]+|dev\\.frontdesk\\.gateway\\.opentelemetry\\.internal[\\w.$]*");
  private static final List<Class<?>> PUBLIC_API = List.of(GatewayTracing.class);

  @Test
  void onlyTheOpenTelemetryInstanceAppearsInPublicSignatures() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : PUBLIC_API) {
      List<Executable> members = new ArrayList<>(List.of(type.getDeclaredConstructors()));
      members.addAll(List.of(type.getDeclaredMethods()));
      for (Executable member : members) {
        if (!Modifier.isPublic(member.getModifiers()) && !Modifier.isProtected(member.getModifiers())) {
          continue;
        }
        String signature = member.toGenericString()
            + (member instanceof Method m ? " " + m.getGenericReturnType().getTypeName() : "");
        Matcher foreign = FOREIGN.matcher(signature);
        while (foreign.find()) {
          if (!foreign.group().equals("io.opentelemetry.api.OpenTelemetry")) {
            leaks.add(type.getSimpleName() + ": " + signature);
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void theEntryIsFinal() {
    assertThat(Modifier.isFinal(GatewayTracing.class.getModifiers())).isTrue();
  }
}
