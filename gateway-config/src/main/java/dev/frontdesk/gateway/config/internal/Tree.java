package dev.frontdesk.gateway.config.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A configuration file read into a {@link JsonNode} tree together with the line of every key and
 * value, by key path ({@code routes[2].upstream}). Built token by token so that duplicate keys,
 * which Jackson's tree reader would silently overwrite, are reported too.
 */
public final class Tree {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_$-]+");

  private final @Nullable JsonNode root;
  private final Map<String, Integer> lines;

  private Tree(@Nullable JsonNode root, Map<String, Integer> lines) {
    this.root = root;
    this.lines = lines;
  }

  /**
   * Reads {@code content}, as JSON when {@code json}, else as YAML (a superset of JSON). Syntax
   * errors and duplicate keys go to {@code problems} as (line, message); the root is then null.
   */
  public static Tree parse(String content, boolean json, Sink problems) {
    JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser parser = factory.createParser(content)) {
      if (parser.nextToken() == null) {
        problems.problem(1, "", "the file is empty");
        return new Tree(null, lines);
      }
      Reader reader = new Reader(parser, lines, problems);
      JsonNode root = reader.value("");
      return new Tree(reader.duplicates ? null : root, lines);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      problems.problem(
          at == null ? 1 : Math.max(1, at.getLineNr()),
          "",
          "not valid " + (json ? "JSON" : "YAML") + ": " + firstLine(e.getOriginalMessage()));
      return new Tree(null, lines);
    } catch (IOException e) {
      problems.problem(1, "", "cannot read: " + e.getMessage());
      return new Tree(null, lines);
    }
  }

  /** The tree, or null when the file could not be read. */
  public @Nullable JsonNode root() {
    return root;
  }

  /** The line of this path, or of its nearest located parent; 1 when none is known. */
  public int line(String path) {
    String p = path;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 1;
      }
      p = parent(p);
    }
  }

  /** {@code parent.key}, or {@code parent["key"]} when the key holds dots or other punctuation. */
  public static String child(String parent, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return parent.isEmpty() ? key : parent + "." + key;
    }
    return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  /** {@code parent[index]}. */
  public static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }

  static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    if (bracket > 0 && path.endsWith("\"]")) {
      cut = path.lastIndexOf("[\"");
    }
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  /** The parser's explanation without its position lines and source excerpts (we give the line). */
  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "syntax error";
    }
    StringBuilder sb = new StringBuilder();
    for (String line : message.split("\n")) {
      String t = line.strip();
      if (t.isEmpty()
          || t.startsWith("in 'reader'")
          || t.startsWith("at [Source")
          || t.startsWith("^")
          || line.startsWith("    ")) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : "; ").append(t);
    }
    return sb.length() == 0 ? "syntax error" : sb.toString();
  }

  /** Where reading problems go. */
  public interface Sink {
    void problem(int line, String path, String message);
  }

  private static final class Reader {
    private final JsonParser parser;
    private final Map<String, Integer> lines;
    private final Sink problems;
    boolean duplicates;

    Reader(JsonParser parser, Map<String, Integer> lines, Sink problems) {
      this.parser = parser;
      this.lines = lines;
      this.problems = problems;
    }

    JsonNode value(String path) throws IOException {
      lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
      JsonToken token = parser.currentToken();
      switch (token) {
        case START_OBJECT:
          return object(path);
        case START_ARRAY:
          ArrayNode array = NODES.arrayNode();
          int i = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(element(path, i++)));
          }
          return array;
        case VALUE_STRING:
          return NODES.textNode(parser.getText());
        case VALUE_NUMBER_INT:
          return parser.getNumberType() == JsonParser.NumberType.INT
              ? NODES.numberNode(parser.getIntValue())
              : parser.getNumberType() == JsonParser.NumberType.LONG
                  ? NODES.numberNode(parser.getLongValue())
                  : NODES.numberNode(parser.getBigIntegerValue());
        case VALUE_NUMBER_FLOAT:
          return NODES.numberNode(parser.getDoubleValue());
        case VALUE_TRUE:
          return NODES.booleanNode(true);
        case VALUE_FALSE:
          return NODES.booleanNode(false);
        case VALUE_NULL:
          return NODES.nullNode();
        default:
          // Embedded objects (YAML binary) and the like: data we do not take.
          return NODES.textNode(parser.getText());
      }
    }

    private ObjectNode object(String path) throws IOException {
      ObjectNode object = NODES.objectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        String childPath = child(path, name);
        int line = parser.currentTokenLocation().getLineNr();
        parser.nextToken();
        if (object.has(name)) {
          duplicates = true;
          problems.problem(
              line,
              childPath,
              "duplicate key '" + name + "' (first at line " + lines.get(childPath) + ")");
          value(childPath + "#duplicate");
          continue;
        }
        lines.put(childPath, line);
        object.set(name, value(childPath));
      }
      return object;
    }
  }
}
