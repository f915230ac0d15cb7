package dev.frontdesk.gateway.transform.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A JSON tree to XML, the inverse of {@link XmlReader}'s rules: the document becomes the root
 * element named by the transform; {@code "@name"} members become attributes and {@code "#text"} the
 * element's text; other members become child elements; an array becomes the element repeated; null
 * an empty element; numbers and booleans their JSON text. A top-level array becomes the root
 * holding one {@code <item>} per element.
 */
public final class XmlWriter {
  private static final XMLOutputFactory FACTORY =
      Woodstox.create(XMLOutputFactory.class, "com.ctc.wstx.stax.WstxOutputFactory");

  /** XML 1.0 names, restricted to ASCII so that what passes is a name in every parser. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");

  /**
   * Names beginning with {@code xml} in any case are reserved (XML 1.0 §2.3): {@code xmlns} would
   * let a client declare namespaces on what the upstream reads, {@code xml:*} set its attributes.
   */
  private static final Pattern RESERVED = Pattern.compile("(?i)xml.*");

  private XmlWriter() {}

  /** Thrown for a member name that cannot be an XML name, or a value XML cannot carry. */
  public static final class NotXmlException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String message;

    NotXmlException(String message) {
      super(message);
      this.message = message;
    }

    /** Never null, unlike {@link Throwable#getMessage()}: it says what cannot be written as XML. */
    @Override
    public String getMessage() {
      return message;
    }
  }

  public static byte[] write(JsonNode doc, String rootName) throws NotXmlException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      if (doc.isArray()) {
        w.writeStartElement(rootName);
        element(w, "item", doc);
        w.writeEndElement();
      } else {
        element(w, rootName, doc);
      }
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing XML into memory failed", e);
    }
    return out.toByteArray();
  }

  /** Checks an element name given in configuration. */
  public static String checkName(String option, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          option + " must be an XML name ([A-Za-z_][A-Za-z0-9._-]*): '" + name + "'");
    }
    if (RESERVED.matcher(name).matches()) {
      throw new IllegalArgumentException(
          option + " must not begin with 'xml', reserved in XML: '" + name + "'");
    }
    return name;
  }

  private static void element(XMLStreamWriter w, String name, JsonNode node)
      throws XMLStreamException, NotXmlException {
    if (node.isArray()) {
      for (JsonNode item : node) {
        element(w, name, item);
      }
      return;
    }
    name(name, name);
    if (node.isNull()) {
      w.writeEmptyElement(name);
      return;
    }
    w.writeStartElement(name);
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().startsWith("@")) {
          w.writeAttribute(
              name(e.getKey().substring(1), e.getKey()), text(e.getKey(), e.getValue()));
        }
      }
      JsonNode own = node.get("#text");
      if (own != null) {
        w.writeCharacters(text("#text", own));
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getKey().startsWith("@") && !e.getKey().equals("#text")) {
          element(w, e.getKey(), e.getValue());
        }
      }
    } else {
      w.writeCharacters(text(name, node));
    }
    w.writeEndElement();
  }

  /** The value as text; {@code member} names it when it holds what XML cannot carry. */
  private static String text(String member, JsonNode value) throws NotXmlException {
    String text = value.isValueNode() ? value.asText() : value.toString();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i); // a lone surrogate comes back as itself
      if (!xmlChar(c)) {
        throw new NotXmlException(
            String.format("the value of '%s' holds U+%04X, which XML 1.0 cannot carry", member, c));
      }
      i += Character.charCount(c);
    }
    return text;
  }

  /**
   * XML 1.0's Char production (§2.2): JSON strings may hold control characters and lone surrogates,
   * which no XML document can, not even escaped.
   */
  private static boolean xmlChar(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || c >= 0x10000;
  }

  /**
   * {@code name} if a client may use it; {@code member}, as the client wrote it, names it if not.
   */
  private static String name(String name, String member) throws NotXmlException {
    if (!NAME.matcher(name).matches()) {
      throw new NotXmlException("the member name '" + member + "' cannot be an XML name");
    }
    if (RESERVED.matcher(name).matches()) {
      throw new NotXmlException(
          "the member name '"
              + member
              + "' cannot be an XML name: names beginning with 'xml' are reserved");
    }
    return name;
  }
}
