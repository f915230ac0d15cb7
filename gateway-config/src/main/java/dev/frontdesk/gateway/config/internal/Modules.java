package dev.frontdesk.gateway.config.internal;

/**
 * The optional modules a file may use. gateway-config depends on them optionally, so an application
 * that needs none of them does not carry them; a file that uses one of their keys without the
 * module on the class path gets a problem at that key naming the artifact to add. Their types are
 * touched only by mapper classes that run after this check.
 */
enum Modules {
  CACHE("gateway-cache", "dev.frontdesk.gateway.cache.ResponseCache"),
  TRANSFORM("gateway-transform", "dev.frontdesk.gateway.transform.RequestTransform"),
  GRPC("gateway-grpc", "dev.frontdesk.gateway.grpc.GrpcTranscoder"),
  MICROMETER("gateway-micrometer", "dev.frontdesk.gateway.micrometer.GatewayMetrics"),
  PROMETHEUS(
      "micrometer-registry-prometheus",
      "io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
      "io.micrometer"),
  OPENTELEMETRY("gateway-opentelemetry", "dev.frontdesk.gateway.opentelemetry.GatewayTracing");

  private final String artifact;
  private final String probe;
  private final String groupId;

  Modules(String artifact, String probe) {
    this(artifact, probe, "dev.frontdesk");
  }

  Modules(String artifact, String probe, String groupId) {
    this.artifact = artifact;
    this.probe = probe;
    this.groupId = groupId;
  }

  /**
   * Whether the module is on the class path; if not, a problem at {@code path} says what to add.
   */
  boolean present(Ctx ctx, String path) {
    try {
      Class.forName(probe, false, Modules.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      ctx.problem(
          path,
          "needs "
              + groupId
              + ":"
              + artifact
              + " on the class path: add that dependency (the"
              + " standalone jar has it)");
      return false;
    }
  }
}
