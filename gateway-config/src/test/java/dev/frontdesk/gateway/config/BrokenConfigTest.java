package dev.frontdesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of broken files, one kind of mistake each (and one with several): every problem is
 * reported with its file, line and key path, exactly as in the file's {@code .expect} twin, and
 * nothing starts — no gateway, no thread of the gateway's, its upstreams' or Redis's.
 */
class BrokenConfigTest {
  private static final Path DIR = Path.of("src/test/resources/broken");
  private static final GatewayConfig CONFIG =
      GatewayConfig.builder().environment(Map.<String, String>of()::get).build();

  static Stream<String> files() throws IOException {
    try (Stream<Path> list = Files.list(DIR)) {
      return list
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".expect"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("files")
  void eachMistakeIsReportedAtItsPlaceAndNothingStarts(String name) throws IOException {
    Set<Thread> before = Thread.getAllStackTraces().keySet();

    ConfigResult result = CONFIG.parse(DIR.resolve(name));

    List<String> actual = result.problems().stream().map(ConfigProblem::toString).toList();
    Path expect = DIR.resolve(name + ".expect");
    if (Boolean.getBoolean("broken.write")) {
      Files.write(expect, actual, StandardCharsets.UTF_8);
    }
    assertThat(result.ok()).isFalse();
    assertThat(actual).isEqualTo(Files.readAllLines(expect, StandardCharsets.UTF_8));
    assertThat(newGatewayThreads(before)).as("threads started by a broken configuration").isEmpty();
  }

  static List<String> newGatewayThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        .map(Thread::getName)
        .filter(n -> n.startsWith("frontdesk") || n.contains("lettuce") || n.contains("OkHttp"))
        .collect(Collectors.toList());
  }
}
