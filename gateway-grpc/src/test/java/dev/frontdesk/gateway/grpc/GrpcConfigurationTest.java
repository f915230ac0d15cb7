package dev.frontdesk.gateway.grpc;

import static dev.frontdesk.gateway.testing.ConfigProblems.thrownBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.UnknownFieldSet;
import dev.frontdesk.gateway.GatewayConfigException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each bad option is recorded when set; build() lists every problem; the API speaks no gRPC types.
 */
class GrpcConfigurationTest {
  @Test
  void buildListsEveryMissingPart() {
    assertThat(thrownBy(() -> GrpcTranscoder.builder().build()))
        .containsExactly(
            "GrpcTranscoder: no descriptor set: call descriptorSet(Path) or descriptorSetResource(String)",
            "GrpcTranscoder: no target: call target(\"host:port\") or targets(...)");
  }

  @Test
  void unreadableDescriptorSetAndUnknownServiceAreReported() {
    assertThatThrownBy(
            () ->
                GrpcTranscoder.builder()
                    .descriptorSet(Path.of("/nonexistent/x.pb"))
                    .target("h:1")
                    .build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "GrpcTranscoder: descriptorSet(/nonexistent/x.pb): no such file"));
    assertThatThrownBy(
            () ->
                GrpcTranscoder.builder()
                    .descriptorSetResource(GrpcTestSupport.DESCRIPTORS)
                    .services("frontdesk.test.Users", "nope.Missing")
                    .target("h:1")
                    .build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "GrpcTranscoder: services not in the descriptor set: [nope.Missing]"));
  }

  @Test
  void badOptionsAreRecordedWhenSetAndTheLastCallWins() {
    assertThat(GrpcTranscoder.builder().timeout(Duration.ZERO).problems())
        .containsExactly("GrpcTranscoder: timeout must be positive: PT0S");
    assertThat(
            GrpcTranscoder.builder()
                .target("a:1")
                .targets("b:1")
                .plaintext()
                .tlsTrusting(Path.of("pom.xml"))
                .problems())
        .as("options set again: the last call wins, nothing is wrong")
        .isEmpty();
    assertThat(GrpcTranscoder.builder().forwardHeaders("grpc-timeout").problems())
        .containsExactly(
            "GrpcTranscoder: header 'grpc-timeout' is reserved by gRPC or HTTP/2 and cannot be sent"
                + " as metadata");
    assertThat(GrpcTranscoder.builder().forwardHeaders("X-Token-Bin").problems())
        .containsExactly(
            "GrpcTranscoder: header 'X-Token-Bin': binary (-bin) metadata is not supported");
    assertThatThrownBy(() -> GrpcTranscoder.builder().timeout(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("timeout");
  }

  @Test
  void buildListsTheSettersMistakesWithWhatOnlyItFinds() {
    GrpcTranscoder.Builder builder =
        GrpcTranscoder.builder()
            .descriptorSetResource(GrpcTestSupport.DESCRIPTORS)
            .services("frontdesk.test.Users", "no/slash")
            .targets()
            .target(" ")
            .tlsTrusting(Path.of("/nonexistent/ca.pem"))
            .timeout(Duration.ofSeconds(-1))
            .forwardHeaders("X-Ok", "grpc-status")
            .maxMessageSize(0);

    assertThat(thrownBy(builder::build))
        .containsExactly(
            "GrpcTranscoder: service must be a full name like 'users.v1.Users':" + " 'no/slash'",
            "GrpcTranscoder: targets: at least one target is required",
            "GrpcTranscoder: target: target is blank",
            "GrpcTranscoder: tlsTrusting: cannot read '/nonexistent/ca.pem'",
            "GrpcTranscoder: timeout must be positive: PT-1S",
            "GrpcTranscoder: header 'grpc-status' is reserved by gRPC or HTTP/2 and"
                + " cannot be sent as metadata",
            "GrpcTranscoder: maxMessageSize must be positive: 0",
            "GrpcTranscoder: no target: call target(\"host:port\") or targets(...)");
  }

  @Test
  void templatesTheRouterCannotMatchAreReportedByMethod() {
    FileDescriptorSet set =
        setWithRule(HttpRule.newBuilder().setGet("/v1/{name=shelves/*/books/*}").build());

    assertThatThrownBy(
            () -> GrpcTranscoder.builder().descriptorSet(set).target("h:1").plaintext().build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "GrpcTranscoder: t.S.M (GET /v1/{name=shelves/*/books/*}): only single-segment variables like {id} are supported,"
                            + " not '{name=shelves'"));
  }

  @Test
  void variableNamingNoFieldIsReported() {
    FileDescriptorSet set = setWithRule(HttpRule.newBuilder().setGet("/v1/{missing}").build());

    assertThatThrownBy(
            () -> GrpcTranscoder.builder().descriptorSet(set).target("h:1").plaintext().build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "GrpcTranscoder: t.S.M (GET /v1/{missing}): 'missing' is not a field of google.protobuf.Empty"));
  }

  @Test
  void apiSignaturesUseNoGrpcOrInternalTypes() {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : List.of(GrpcTranscoder.class, GrpcTranscoder.Builder.class)) {
      assertThat(Modifier.isFinal(type.getModifiers())).as(type.getName()).isTrue();
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())) {
          Stream.concat(Stream.of(m.getReturnType()), Stream.of(m.getParameterTypes()))
              .filter(
                  t ->
                      t.getName().contains(".internal.")
                          || t.getName().startsWith("io.grpc.")
                          || t.getName().startsWith("com.google.") && t != FileDescriptorSet.class)
              .forEach(
                  t ->
                      leaks.add(type.getSimpleName() + "." + m.getName() + " uses " + t.getName()));
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  /** A one-method service t.S/M taking google.protobuf.Empty, with this google.api.http rule. */
  private static FileDescriptorSet setWithRule(HttpRule rule) {
    MethodOptions options =
        MethodOptions.newBuilder()
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(
                        AnnotationsProto.HTTP_FIELD_NUMBER,
                        UnknownFieldSet.Field.newBuilder()
                            .addLengthDelimited(rule.toByteString())
                            .build())
                    .build())
            .build();
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("t.proto")
            .setPackage("t")
            .setSyntax("proto3")
            .addDependency("google/protobuf/empty.proto")
            .addDependency("google/api/http.proto")
            .addService(
                ServiceDescriptorProto.newBuilder()
                    .setName("S")
                    .addMethod(
                        MethodDescriptorProto.newBuilder()
                            .setName("M")
                            .setInputType(".google.protobuf.Empty")
                            .setOutputType(".google.protobuf.Empty")
                            .setOptions(options)))
            .build();
    return FileDescriptorSet.newBuilder()
        .addFile(com.google.api.HttpProto.getDescriptor().toProto())
        .addFile(file)
        .build();
  }
}
