package dev.frontdesk.gateway.transform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A program without a function step reads only what its steps reach and copies the rest as sent:
 * the result must be what the whole tree gives (a program with an identity function step added is
 * the oracle: it reads the whole tree), and a body must be refused exactly as a whole read refuses
 * it.
 */
class PartialJsonReaderTest {
  /** Canonical compact JSON, as Jackson writes it, so both reads must give the same bytes. */
  static final String BIG =
      "{\"id\":12345678901234567890,\"user_name\":\"ann\",\"internal\":{\"shard\":7,\"t\":\"a\\\"b\"},"
          + "\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"},\"items\":"
          + items(40)
          + ",\"big\":{\"nested\":{\"deep\":[1,2,{\"x\":[true,false,null]}]},\"list\":"
          + items(30)
          + "},\"0\":{\"x\":1}}";

  static String items(int n) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("{\"sku\":\"SKU-")
          .append(i)
          .append("\",\"title\":\"caf\u00e9 \\\\ \\n \\u0001 \u00fcber\",\"price\":")
          .append(i)
          .append(".10,\"qty\":")
          .append(i % 7)
          .append(",\"debug\":false,\"tags\":[\"a\",{\"k\":[]}],\"meta\":{}}");
    }
    return sb.append(']').toString();
  }

  static JsonPointer p(String pointer) {
    return JsonPointer.compile(pointer);
  }

  static JsonNode json(String text) {
    try {
      return JsonProgram.MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Runs the steps over the body, reading it partly: what goes out. */
  static String partly(String body, Consumer<JsonProgram> steps) throws Exception {
    JsonProgram program = new JsonProgram();
    steps.accept(program);
    assertThat(program.plan()).isNotNull();
    return convert(program, body);
  }

  /** The same steps over the whole tree. */
  static String wholly(String body, Consumer<JsonProgram> steps) throws Exception {
    JsonProgram program = new JsonProgram();
    steps.accept(program);
    program.function(doc -> doc);
    assertThat(program.plan()).isNull();
    return convert(program, body);
  }

  static String convert(JsonProgram program, String body) throws Exception {
    List<JsonNode> values = List.of(TextNode.valueOf("alice"));
    byte[] out =
        JsonConversion.json(program, () -> values)
            .convert(body.getBytes(StandardCharsets.UTF_8), "application/json", null);
    return new String(out, StandardCharsets.UTF_8);
  }

  static String sameBothWays(String body, Consumer<JsonProgram> steps) throws Exception {
    String partly = partly(body, steps);
    assertThat(partly).isEqualTo(wholly(body, steps));
    return partly;
  }

  @Test
  void eachStepKindGivesWhatTheWholeTreeGivesAndCopiesBigUntouchedSiblings() throws Exception {
    List<Consumer<JsonProgram>> programs =
        List.of(
            g -> g.put(p("/address/country"), json("\"NO\""), false),
            g -> g.put(p("/address/new/member"), json("{\"a\":[1.50]}"), false),
            g -> g.put(p("/items/2"), json("\"replaced\""), false),
            g -> g.put(p("/items/1"), json("\"inserted\""), true),
            g -> g.put(p("/items/-"), json("\"appended\""), true),
            g -> g.putTemplate(p("/meta/by"), Template.parse("{identity.sub}")),
            g -> g.remove(p("/internal")),
            g -> g.remove(p("/items/0/debug")),
            g -> g.remove(p("/items/3")),
            g -> g.rename(p("/user_name"), "userName"),
            g -> g.rename(p("/address"), "place"),
            g -> g.move(p("/address/city"), p("/city")),
            g -> g.move(p("/items/5"), p("/fifth")),
            g -> g.put(p(""), json("{\"replaced\":true}"), false));
    String bigSibling = BIG.substring(BIG.indexOf("\"big\":") + 6, BIG.indexOf(",\"0\":"));
    for (Consumer<JsonProgram> steps : programs) {
      String out = sameBothWays(BIG, steps);
      assertThat(out.contains(bigSibling) || out.equals("{\"replaced\":true}")).as(out).isTrue();
    }
  }

  @Test
  void onlyTheContainersOnAStepsWayAreBuilt() throws Exception {
    JsonProgram program = new JsonProgram();
    program.remove(p("/items/3/debug"));
    program.rename(p("/address"), "place");

    JsonNode doc = PartialJsonReader.read(BIG.getBytes(StandardCharsets.UTF_8), program.plan());

    assertThat(doc).isInstanceOf(ObjectNode.class);
    assertThat(doc.get("internal").isPojo()).isTrue();
    assertThat(doc.get("big").isPojo()).isTrue();
    assertThat(doc.get("items")).isInstanceOf(ArrayNode.class);
    assertThat(doc.get("items").get(2).isPojo()).isTrue();
    assertThat(doc.get("items").get(3)).isInstanceOf(ObjectNode.class);
    assertThat(doc.get("items").get(3).get("tags").isPojo()).isTrue();
    assertThat(doc.at("/address/city").asText()).isEqualTo("Oslo"); // relocated: built whole
    assertThat(doc.get("0").isPojo()).isTrue();
    assertThat(doc.get("id").bigIntegerValue()).hasToString("12345678901234567890");
  }

  @Test
  void laterStepsFindWhatEarlierStepsMovedRenamedRemovedOrAppended() throws Exception {
    List<Consumer<JsonProgram>> programs =
        List.of(
            g -> { // move, then edit under the new place
              g.move(p("/big"), p("/moved/here"));
              g.remove(p("/moved/here/list/0/debug"));
              g.put(p("/moved/here/nested/deep/2/x/0"), json("\"yes\""), false);
            },
            g -> { // rename, then edit under the new name
              g.rename(p("/big"), "large");
              g.remove(p("/large/nested/deep/0"));
              g.put(p("/large/list/4/qty"), json("99"), false);
            },
            g -> { // remove an element, then edit the one that took its index
              g.remove(p("/items/0"));
              g.put(p("/items/0/debug"), json("true"), false);
              g.rename(p("/items/1/tags"), "labels");
            },
            g -> { // insert, then edit the element pushed along
              g.put(p("/big/list/2"), json("{\"new\":1}"), true);
              g.remove(p("/big/list/3/tags/1/k"));
            },
            g -> { // append, then edit what was appended
              g.put(p("/items/-"), json("{\"n\":{\"m\":1}}"), true);
              g.put(p("/items/40/n/m"), json("2"), false);
            },
            g -> { // a pointer through an array index, raw siblings around it
              g.put(p("/big/list/7/tags/1/k/-"), json("\"z\""), true);
              g.remove(p("/big/nested/deep/2/x/1"));
            },
            g -> { // "0" is a member name in an object, not an index
              g.put(p("/0/y"), json("2"), false);
              g.rename(p("/0/x"), "z");
            },
            g -> { // move out of a relocated value, then into another raw-sized one
              g.rename(p("/internal"), "hidden");
              g.move(p("/hidden/t"), p("/items/6/t"));
              g.move(p("/items/6"), p("/address/item"));
              g.put(p("/address/item/tags/0"), json("\"b\""), false);
            });
    for (Consumer<JsonProgram> steps : programs) {
      String out = sameBothWays(BIG, steps);
      assertThat(out).isNotEqualTo(BIG);
    }
  }

  @Test
  void prettyInputGivesCompactOutput() throws Exception {
    ByteArrayOutputStream pretty = new ByteArrayOutputStream();
    JsonProgram.MAPPER.writerWithDefaultPrettyPrinter().writeValue(pretty, json(BIG));
    String body = "\r\n\t " + pretty.toString(StandardCharsets.UTF_8).replace("\n", "\r\n") + " \n";
    assertThat(body).contains("\r\n  \"big\" : {");

    String out = sameBothWays(body, g -> g.remove(p("/items/0/debug")));

    assertThat(out).isEqualTo(wholly(BIG, g -> g.remove(p("/items/0/debug"))));
    assertThat(out).contains("\"title\":\"caf\u00e9 \\\\ \\n \\u0001 \u00fcber\"");
  }

  @Test
  void repeatedMembersAndRawPartsLargerThanTheWritersBufferComeOutAsAWholeReadWritesThem()
      throws Exception {
    String large = items(200); // about 30 KB, over the generator's 8000-byte buffer
    assertThat(large.length()).isGreaterThan(20_000);
    String body = "{\"a\":1,\"d\":{\"x\":1,\"y\":[1],\"x\":2},\"a\":3,\"large\":" + large + "}";

    sameBothWays(body, g -> g.remove(p("/d/y")));
    String out = sameBothWays(body.replace(",", " ,\n "), g -> g.remove(p("/d/y")));

    assertThat(out).isEqualTo("{\"a\":3,\"d\":{\"x\":2},\"large\":" + large + "}");
  }

  @Test
  void numbersAndStringsInRawPartsGoOutAsSent() throws Exception {
    String kept =
        "{\"a\":1.10,\"b\":12345678901234567890,\"c\":1e400,\"d\":-0.0,\"e\":1E-7,"
            + "\"f\":\"\\u00e9\\/\\\"\",\"g\":[0.0000001, 2.50e+3]}";
    String body = "{\"drop\":1,\"keep\":" + kept + "}";

    String out = partly(body, g -> g.remove(p("/drop")));

    assertThat(out)
        .isEqualTo("{\"keep\":" + kept.replace(", ", ",") + "}")
        .isNotEqualTo(wholly(body, g -> g.remove(p("/drop")))); // a whole tree says 1E+400
  }

  @Test
  void aByteOrderMarkOrAnotherUnicodeEncodingIsReadAsAWholeReadReadsIt() throws Exception {
    String body = "{\"a\":1,\"raw\":{\"x\":[1.10,\"caf\u00e9\"]}}";
    byte[] text = body.getBytes(StandardCharsets.UTF_8);
    byte[] bom = new byte[text.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(text, 0, bom, 3, text.length);
    String expected = "{\"raw\":{\"x\":[1.10,\"caf\u00e9\"]}}";

    for (byte[] encoded :
        List.of(
            bom,
            body.getBytes(StandardCharsets.UTF_16BE),
            body.getBytes(StandardCharsets.UTF_16LE),
            body.getBytes(StandardCharsets.UTF_16))) {
      JsonProgram program = new JsonProgram();
      program.remove(p("/a"));
      byte[] out =
          JsonConversion.json(program, List::of).convert(encoded, "application/json", null);
      assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(expected);
    }
  }

  @Test
  void aFunctionStepSeesTheWholeTree() throws Exception {
    JsonProgram program = new JsonProgram();
    program.remove(p("/internal"));
    program.function(
        doc -> {
          ((ObjectNode) doc).set("found", doc.at("/big/nested/deep/2/x"));
          return doc;
        });
    assertThat(program.plan()).isNull();

    assertThat(convert(program, BIG)).endsWith(",\"found\":[true,false,null]}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1,\"raw\":{\"x\":[1,2,}}",
        "{\"a\":1,\"raw\":{\"x\":\"bad \\q escape\"}}",
        "{\"a\":1,\"raw\":{\"x\":\"bad \\u12G4 escape\"}}",
        "{\"a\":1,\"raw\":{\"x\":\"bad \u0001 control\"}}",
        "{\"a\":1,\"raw\":{\"x\":tru}}",
        "{\"a\":1,\"raw\":{\"x\":01}}",
        "{\"a\":1,\"raw\":{\"x\":1.}}",
        "{\"a\":1,\"raw\":{\"x\" 1}}",
        "{\"a\":1,\"raw\":{'x':1}}",
        "{\"a\":1,\"raw\":[1 2]}",
        "{\"a\":1,\"raw\":{\"x\":[1,2]}",
        "{\"a\":1,\"raw\":{\"x\":NaN}}",
        "{\"a\":1,\"raw\":{}} trailing",
        "{\"a\":1,\"raw\":{}} {}",
        "{\"a\":1,\"raw\":{}}\n\n  [1]",
        "{\"a\":1,\"raw\":{}}}",
        "  \n ",
        "[{\"a\":1},{\"b\":2}] , 3"
      })
  void malformedJsonInsideARawPartIsRefusedAsAWholeReadRefusesIt(String body) {
    assertRefusedAlike(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void badUtf8InsideARawPartIsRefusedAsAWholeReadRefusesIt() {
    byte[] prefix = "{\"a\":1,\"raw\":{\"x\":\"ab".getBytes(StandardCharsets.US_ASCII);
    byte[] suffix = "cd\"}}".getBytes(StandardCharsets.US_ASCII);
    for (byte[] bad :
        new byte[][] {
          {(byte) 0xFF},
          {(byte) 0x80},
          {(byte) 0xC3, (byte) 0x28},
          {(byte) 0xE2, (byte) 0x82},
          {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}
        }) {
      byte[] body = new byte[prefix.length + bad.length + suffix.length];
      System.arraycopy(prefix, 0, body, 0, prefix.length);
      System.arraycopy(bad, 0, body, prefix.length, bad.length);
      System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
      assertRefusedAlike(body);
    }
  }

  @Test
  void theParsersLimitsHoldInsideRawParts() {
    String longNumber = "1".repeat(1001);
    String deep = "[".repeat(1001) + "]".repeat(1001);
    assertRefusedAlike(("{\"a\":1,\"raw\":{\"x\":" + longNumber + "}}").getBytes());
    assertRefusedAlike(("{\"a\":1,\"raw\":" + deep + "}").getBytes());
  }

  private static void assertRefusedAlike(byte[] body) {
    String whole = refusal(body, true);
    assertThat(refusal(body, false)).isEqualTo(whole).startsWith("not JSON: ");
  }

  private static String refusal(byte[] body, boolean whole) {
    JsonProgram program = new JsonProgram();
    program.remove(p("/a"));
    if (whole) {
      program.function(doc -> doc);
    }
    BodyRewrite.Conversion conversion = JsonConversion.json(program, List::of);
    Throwable thrown = catchThrowable(() -> conversion.convert(body, "application/json", null));
    assertThat(thrown).isInstanceOf(BodyRewrite.MalformedBodyException.class);
    return thrown.getMessage();
  }

  @Test
  void aRawPartIsWrittenByCharacterWritersToo() throws Exception {
    JsonProgram program = new JsonProgram();
    program.remove(p("/a"));
    String body = "{\"a\":1,\"raw\":{ \"x\" : [ \"caf\u00e9 \\\" \" , 1.10 ] }}";

    JsonNode doc = PartialJsonReader.read(body.getBytes(StandardCharsets.UTF_8), program.plan());

    assertThat(doc.get("raw").isPojo()).isTrue();
    assertThat(JsonProgram.MAPPER.writeValueAsString(doc))
        .isEqualTo("{\"a\":1,\"raw\":{\"x\":[\"caf\u00e9 \\\" \",1.10]}}");
  }
}
