package dev.frontdesk.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.frontdesk.gateway.config.internal.Shape;
import dev.frontdesk.gateway.config.internal.Shapes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON Schema in the repository matches the mapping, key for key, and accepts the samples. */
class SchemaConfigTest {
  private static final Path SCHEMA = Path.of("src/main/resources/frontdesk-config.schema.json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void everyKeyTheReaderKnowsIsInTheSchemaAndNoOther() throws IOException {
    JsonNode defs = JSON.readTree(SCHEMA.toFile()).path("$defs");
    for (Shape shape : Shapes.ALL) {
      JsonNode def = defs.path(shape.name());
      assertThat(def.isObject()).as("$defs/" + shape.name()).isTrue();
      List<String> keys = new ArrayList<>();
      def.path("properties").fieldNames().forEachRemaining(keys::add);
      assertThat(keys)
          .as("$defs/" + shape.name() + "/properties")
          .containsExactlyElementsOf(shape.keys());
      assertThat(def.path("additionalProperties").asBoolean(true))
          .as(shape.name() + " closed")
          .isFalse();
      if (shape.exactlyOne()) {
        assertThat(def.path("maxProperties").asInt())
            .as(shape.name() + " holds one key")
            .isEqualTo(1);
      }
    }
  }

  @Test
  void theSampleValidatesAgainstTheSchema() throws IOException {
    assertThat(errors(Path.of("src/test/resources/sample-gateway.yaml"))).isEmpty();
  }

  @Test
  void theSchemaRefusesWhatTheReaderRefuses() throws IOException {
    assertThat(errors(Path.of("src/test/resources/broken/02-unknown-route-key-typo.yaml")))
        .isNotEmpty();
    assertThat(errors(Path.of("src/test/resources/broken/13-two-targets.yaml"))).isNotEmpty();
    assertThat(errors(Path.of("src/test/resources/broken/05-duration-without-unit.yaml")))
        .isNotEmpty();
    assertThat(errors(Path.of("src/test/resources/broken/33-middleware-two-keys.yaml")))
        .isNotEmpty();
    assertThat(errors(Path.of("src/test/resources/broken/45-transform-bad-steps.yaml")))
        .isNotEmpty();
    assertThat(errors(Path.of("src/test/resources/broken/46-transform-bad-choices.yaml")))
        .isNotEmpty();
    assertThat(errors(Path.of("src/test/resources/broken/47-grpc-problems.yaml"))).isNotEmpty();
    assertThat(errors(Path.of("src/test/resources/broken/49-admin-problems.yaml"))).isNotEmpty();
  }

  private static List<String> errors(Path file) throws IOException {
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Files.readString(SCHEMA), InputFormat.JSON);
    String json = JSON.writeValueAsString(YAML.readTree(file.toFile()));
    return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }
}
