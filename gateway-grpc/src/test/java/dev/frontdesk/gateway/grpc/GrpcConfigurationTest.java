package dev.frontdesk.gateway.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
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

/** Each option is checked when set; build() lists every problem; the API speaks no gRPC types. */
class GrpcConfigurationTest {
  @Test
  void buildListsEveryMissingPart() {
    assertThatThrownBy(() -> GrpcTranscoder.builder().build())
        .isInstanceOfSatisfying(
            GatewayConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "no descriptor set: call descriptorSet(Path) or descriptorSetResource(String)",
                        "no target: call target(\"host:port\") or targets(...)"));
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
                    .containsExactly("descriptorSet(/nonexistent/x.pb): no such file"));
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
                    .containsExactly("services not in the descriptor set: [nope.Missing]"));
  }

  @Test
  void optionsAreCheckedWhenSetAndTheLastCallWins() {
    assertThatThrownBy(() -> GrpcTranscoder.builder().timeout(Duration.ZERO))
        .hasMessage("timeout must be positive: PT0S");
    assertThatCode(
            () ->
                GrpcTranscoder.builder()
                    .target("a:1")
                    .targets("b:1")
                    .plaintext()
                    .tlsTrusting(Path.of("pom.xml")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> GrpcTranscoder.builder().forwardHeaders("grpc-timeout"))
        .hasMessage(
            "header 'grpc-timeout' is reserved by gRPC or HTTP/2 and cannot be sent as metadata");
    assertThatThrownBy(() -> GrpcTranscoder.builder().forwardHeaders("X-Token-Bin"))
        .hasMessage("header 'X-Token-Bin': binary (-bin) metadata is not supported");
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
                        "t.S.M (GET /v1/{name=shelves/*/books/*}): only single-segment variables like {id} are supported,"
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
                        "t.S.M (GET /v1/{missing}): 'missing' is not a field of google.protobuf.Empty"));
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
