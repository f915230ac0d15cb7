package dev.frontdesk.gateway.transform.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The conversions a transform can make of a body, over the JSON program's steps: JSON to JSON, XML
 * (or JSON) to JSON, and JSON to XML. Template values are asked for only once a body is being
 * converted.
 */
public final class JsonConversion implements BodyRewrite.Conversion {
  private final JsonProgram program;
  private final Supplier<List<JsonNode>> values;
  private final @Nullable Set<String> xmlArrays; // non-null: XML bodies are read too
  private final @Nullable String xmlRoot; // non-null: the result is written as XML

  private JsonConversion(
      JsonProgram program,
      Supplier<List<JsonNode>> values,
      @Nullable Set<String> xmlArrays,
      @Nullable String xmlRoot) {
    this.program = program;
    this.values = values;
    this.xmlArrays = xmlArrays;
    this.xmlRoot = xmlRoot;
  }

  /** JSON in, JSON out. */
  public static JsonConversion json(JsonProgram program, Supplier<List<JsonNode>> values) {
    return new JsonConversion(program, values, null, null);
  }

  /** XML or JSON in, JSON out. */
  public static JsonConversion fromXml(
      JsonProgram program, Supplier<List<JsonNode>> values, Set<String> arrays) {
    return new JsonConversion(program, values, arrays, null);
  }

  /** JSON in, XML out with this root element. */
  public static JsonConversion toXml(
      JsonProgram program, Supplier<List<JsonNode>> values, String root) {
    return new JsonConversion(program, values, null, root);
  }

  @Override
  public boolean accepts(String essence) {
    return MediaTypes.isJson(essence) || (xmlArrays != null && MediaTypes.isXml(essence));
  }

  @Override
  public byte[] convert(byte[] body, String essence, @Nullable String charset)
      throws BodyRewrite.MalformedBodyException {
    JsonNode doc;
    if (xmlArrays != null && MediaTypes.isXml(essence)) {
      try {
        doc = XmlReader.read(body, charset, xmlArrays);
      } catch (XmlReader.XmlRefusedException e) {
        throw new BodyRewrite.MalformedBodyException(e.getMessage(), e);
      }
    } else {
      doc = parse(body, xmlRoot == null ? program.plan() : null); // XmlWriter needs a whole tree
    }
    JsonNode result = program.run(doc, values.get());
    if (xmlRoot == null) {
      try {
        return JsonProgram.MAPPER.writeValueAsBytes(result);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("writing a JSON tree failed", e);
      }
    }
    try {
      return XmlWriter.write(result, xmlRoot);
    } catch (XmlWriter.NotXmlException e) {
      throw new BodyRewrite.MalformedBodyException(e.getMessage(), e);
    }
  }

  @Override
  public @Nullable String contentType(String essence) {
    if (xmlRoot != null) {
      return "application/xml";
    }
    return MediaTypes.isXml(essence) ? "application/json" : null;
  }

  /** The document, whole or (with a plan) only where the steps reach. */
  private static JsonNode parse(byte[] body, @Nullable ReadPlan plan)
      throws BodyRewrite.MalformedBodyException {
    try {
      JsonNode doc =
          plan == null ? JsonProgram.MAPPER.readTree(body) : PartialJsonReader.read(body, plan);
      if (doc == null || doc.isMissingNode()) {
        throw new BodyRewrite.MalformedBodyException("not JSON: no value", null);
      }
      return doc;
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new BodyRewrite.MalformedBodyException(
          "not JSON: " + e.getOriginalMessage() + where, e);
    } catch (IOException e) {
      throw new BodyRewrite.MalformedBodyException("not JSON: " + e.getMessage(), e);
    }
  }
}
