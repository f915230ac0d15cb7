package dev.frontdesk.gateway.grpc;

import dev.frontdesk.gateway.testing.ModuleConventions;

/** Frontdesk's module boundaries and API-surface rules, applied to gateway-grpc. */
class GrpcConventionsTest extends ModuleConventions {
  GrpcConventionsTest() {
    super(Role.EXTENSION);
    // a descriptor set already parsed by the application, handed in as it is
    allowsInApi("com.google.protobuf.DescriptorProtos$FileDescriptorSet");
  }
}
