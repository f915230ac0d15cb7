package dev.frontdesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * gateway-config runs without its optional modules: loaded where gateway-cache, -transform, -grpc,
 * -micrometer, -opentelemetry and the Prometheus registry are absent, it still reads files that do
 * not use them, and a file that does gets a problem at each such key naming the artifact to add.
 */
class OptionalModulesConfigTest {
  private static final List<String> OPTIONAL =
      List.of(
          "gateway-cache",
          "gateway-transform",
          "gateway-grpc",
          "gateway-micrometer",
          "gateway-opentelemetry",
          "micrometer-registry-prometheus",
          "micrometer-core",
          "opentelemetry-api",
          "grpc-",
          "protobuf-java");

  @Test
  void aKeyWhoseModuleIsMissingIsAProblemNamingTheArtifact() throws Exception {
    String file =
        """
        metrics: true
        tracing: true
        admin: {allowUnauthenticated: true}
        caches:
          products: {defaultTtl: 30s}
        routes:
          - id: catalog
            path: /catalog/**
            use:
              - requestTransform: {method: PUT}
              - compression: true
            respond: 200
          - grpc: {prefix: /grpc, descriptorSet: greeter.pb, target: "127.0.0.1:1", plaintext: true}
        """;

    assertThat(problemsWithoutOptionalModules(file))
        .containsExactly(
            "gateway.yaml:1: metrics: needs dev.frontdesk:gateway-micrometer on the class path: add that dependency"
                + " (the standalone jar has it)",
            "gateway.yaml:2: tracing: needs dev.frontdesk:gateway-opentelemetry on the class path: add that dependency"
                + " (the standalone jar has it)",
            "gateway.yaml:4: caches: needs dev.frontdesk:gateway-cache on the class path: add that dependency"
                + " (the standalone jar has it)",
            "gateway.yaml:10: routes[0].use[0].requestTransform: needs dev.frontdesk:gateway-transform on the class path:"
                + " add that dependency (the standalone jar has it)",
            "gateway.yaml:11: routes[0].use[1].compression: needs dev.frontdesk:gateway-transform on the class path:"
                + " add that dependency (the standalone jar has it)",
            "gateway.yaml:13: routes[1].grpc: needs dev.frontdesk:gateway-grpc on the class path: add that dependency"
                + " (the standalone jar has it)");
  }

  @Test
  void aFileWithoutThoseKeysReadsWithoutTheModules() throws Exception {
    assertThat(
            problemsWithoutOptionalModules("routes: [{id: health, path: /health, respond: 200}]"))
        .isEmpty();
  }

  /**
   * Reads {@code content} with gateway-config loaded from a class path without the optional
   * modules.
   */
  private static List<String> problemsWithoutOptionalModules(String content) throws Exception {
    List<URL> urls = new ArrayList<>();
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : classPath.split(File.pathSeparator)) {
      if (OPTIONAL.stream().noneMatch(entry::contains)) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThat(loader.getResource("dev/frontdesk/gateway/cache/ResponseCache.class")).isNull();
      Class<?> config = loader.loadClass(GatewayConfig.class.getName());
      Object reader = config.getMethod("defaults").invoke(null);
      Object result =
          config
              .getMethod("parse", String.class, String.class, Path.class)
              .invoke(
                  reader, "gateway.yaml", content, Path.of("src/test/resources").toAbsolutePath());
      boolean ok = (boolean) result.getClass().getMethod("ok").invoke(result);
      List<String> problems = new ArrayList<>();
      for (Object p : (List<?>) result.getClass().getMethod("problems").invoke(result)) {
        problems.add(p.toString());
      }
      if (ok) {
        Object gateway = result.getClass().getMethod("gateway").invoke(result);
        ((AutoCloseable) gateway).close();
      }
      return problems;
    }
  }
}
