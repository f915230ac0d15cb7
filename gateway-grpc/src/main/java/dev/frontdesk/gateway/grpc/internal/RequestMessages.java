package dev.frontdesk.gateway.grpc.internal;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.frontdesk.gateway.GatewayException;
import dev.frontdesk.gateway.Request;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes a method's request message from an HTTP request, as HTTP transcoding defines it: the body
 * (the whole message, one field, or nothing), then the query parameters for fields the body does
 * not cover, then the path variables. All three are gathered into one JSON object that {@link
 * JsonFormat} merges, so text values are read by the protobuf JSON rules (numbers, enums by name,
 * {@code Timestamp}s...). Every mistake is a 400 that names the field.
 */
public final class RequestMessages {
  private static final Gson GSON = new Gson();

  private final JsonFormat.Parser parser;
  private final long maxBodyBytes;

  public RequestMessages(JsonFormat.Parser parser, long maxBodyBytes) {
    this.parser = parser;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * @throws GatewayException 400 naming the field or parameter that is wrong
   */
  public DynamicMessage read(Binding binding, Request request) throws IOException {
    Descriptor type = binding.method().getInputType();
    JsonObject json = new JsonObject();
    if (binding.wholeBody() || binding.bodyField() != null) {
      JsonElement body = body(request);
      if (binding.wholeBody() && body != null) {
        if (!body.isJsonObject()) {
          throw GatewayException.badRequest(
              "request body must be a JSON object (" + type.getFullName() + ")");
        }
        json = body.getAsJsonObject();
      } else if (body != null && binding.bodyField() != null) {
        json.add(binding.bodyField().getName(), body);
      }
    } else {
      request.body().close();
    }
    if (!binding.wholeBody()) {
      query(request, type, json);
    }
    for (Map.Entry<String, FieldPath> variable : binding.variables().entrySet()) {
      String raw = request.pathVariable(variable.getKey());
      if (raw != null) {
        put(json, variable.getValue(), decode(raw.replace("+", "%2B"), "path"));
      }
    }
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    try {
      parser.merge(GSON.toJson(json), builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw GatewayException.badRequest(FieldErrors.locate(parser, type, json));
    }
    return builder.build();
  }

  private @Nullable JsonElement body(Request request) throws IOException {
    if (request.body().isEmpty()) {
      return null;
    }
    byte[] bytes = request.body().bytes(maxBodyBytes);
    if (bytes.length == 0) {
      return null;
    }
    try (JsonReader reader =
        new JsonReader(
            new InputStreamReader(
                new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
      JsonElement element = GSON.getAdapter(JsonElement.class).read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("unexpected data after the JSON value");
      }
      return element;
    } catch (JsonParseException | IOException | IllegalStateException e) {
      throw GatewayException.badRequest("request body is not valid JSON: " + message(e));
    }
  }

  private void query(Request request, Descriptor type, JsonObject json) {
    String query = request.query();
    if (query == null || query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "query");
      FieldPath field;
      try {
        field = FieldPath.resolve(type, name);
      } catch (IllegalArgumentException e) {
        throw GatewayException.badRequest("query parameter " + e.getMessage());
      }
      if (field == null) {
        throw GatewayException.badRequest(
            "query parameter '" + name + "' is not a field of " + type.getFullName());
      }
      put(json, field, value);
    }
  }

  /** Sets a text value at a field path, appending for a repeated field. */
  private static void put(JsonObject json, FieldPath path, String value) {
    JsonObject current = json;
    List<FieldDescriptor> fields = path.fields();
    for (int i = 0; i < fields.size() - 1; i++) {
      String name = key(current, fields.get(i));
      JsonElement next = current.get(name);
      if (next == null || !next.isJsonObject()) {
        next = new JsonObject();
        current.add(name, next);
      }
      current = next.getAsJsonObject();
    }
    FieldDescriptor leaf = path.leaf();
    String name = key(current, leaf);
    JsonElement text = new JsonPrimitive(value);
    if (leaf.isRepeated()) {
      JsonElement existing = current.get(name);
      JsonArray array =
          existing != null && existing.isJsonArray() ? existing.getAsJsonArray() : new JsonArray();
      array.add(text);
      text = array;
    }
    current.add(name, text);
  }

  /**
   * The key a field already has in the object (a body may use either name), else its proto name.
   */
  private static String key(JsonObject json, FieldDescriptor field) {
    return !json.has(field.getName()) && json.has(field.getJsonName())
        ? field.getJsonName()
        : field.getName();
  }

  private static String decode(String text, String where) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw GatewayException.badRequest(
          "malformed percent-encoding in the " + where + ": '" + text + "'");
    }
  }

  private static String message(Exception e) {
    Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
    return String.valueOf(cause.getMessage());
  }
}
