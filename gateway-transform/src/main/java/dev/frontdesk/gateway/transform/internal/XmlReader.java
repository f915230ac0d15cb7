package dev.frontdesk.gateway.transform.internal;

import com.ctc.wstx.api.WstxInputProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * XML to a JSON tree, by these rules (docs/transform.md shows examples):
 *
 * <ul>
 *   <li>the root element's name is dropped: the document is the root element's value;
 *   <li>an element with neither attributes nor child elements is a string of its text, as written
 *       ({@code <a/>} is {@code ""}); values are never guessed to be numbers;
 *   <li>otherwise it is an object: attributes as {@code "@name"}, child elements by name, and its
 *       own text, stripped, as {@code "#text"} when not blank;
 *   <li>repeated child elements of one name make an array, in document order, at the place of the
 *       first; names given as always-arrays are arrays even when they occur once;
 *   <li>namespaces are dropped: local names only, {@code xmlns} declarations not kept;
 *   <li>comments and processing instructions are dropped; CDATA is text.
 * </ul>
 *
 * <p>Hardened: a document with a DOCTYPE is refused before anything in it is read, so there are no
 * DTDs, no external entities and no entity expansion (billion laughs); Woodstox's limits cap
 * nesting depth, attributes per element and the length of names and text.
 */
public final class XmlReader {
  private static final XMLInputFactory FACTORY = factory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private XmlReader() {}

  private static XMLInputFactory factory() {
    XMLInputFactory f =
        Woodstox.create(XMLInputFactory.class, "com.ctc.wstx.stax.WstxInputFactory");
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 256);
    f.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 256);
    return f;
  }

  /** Thrown for XML that is malformed or uses what the reader refuses; the message says which. */
  public static final class XmlRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String message;

    XmlRefusedException(String message, @Nullable Throwable cause) {
      super(message, cause);
      this.message = message;
    }

    /** Never null, unlike {@link Throwable#getMessage()}: it says why the document was refused. */
    @Override
    public String getMessage() {
      return message;
    }
  }

  /**
   * The document as JSON. A {@code charset} from the {@code Content-Type} decides how the bytes are
   * read, over any encoding declaration (RFC 7303 §3.2): legacy upstreams send ISO-8859-1 that way;
   * without one the bytes say (a byte order mark, the declaration, or else UTF-8).
   */
  public static JsonNode read(byte[] xml, @Nullable String charset, Set<String> alwaysArrays)
      throws XmlRefusedException {
    XMLStreamReader r = null;
    try {
      ByteArrayInputStream in = new ByteArrayInputStream(xml);
      r =
          charset == null
              ? FACTORY.createXMLStreamReader(in)
              : FACTORY.createXMLStreamReader(in, charset);
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.DTD) {
          throw new XmlRefusedException("a DOCTYPE is not allowed", null);
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          JsonNode doc = element(r, alwaysArrays);
          while (r.hasNext()) {
            r.next(); // the parser refuses a second root or text after this one
          }
          return doc;
        }
      }
      throw new XmlRefusedException("no root element", null);
    } catch (XMLStreamException e) {
      String message =
          e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("");
      throw new XmlRefusedException("not well-formed XML: " + message, e);
    } finally {
      close(r);
    }
  }

  private static JsonNode element(XMLStreamReader r, Set<String> alwaysArrays)
      throws XMLStreamException, XmlRefusedException {
    ObjectNode object = null;
    for (int i = 0; i < r.getAttributeCount(); i++) {
      object = object != null ? object : NODES.objectNode();
      object.put("@" + r.getAttributeLocalName(i), r.getAttributeValue(i));
    }
    Set<String> repeated = null;
    StringBuilder text = new StringBuilder();
    while (true) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          String name = r.getLocalName();
          JsonNode child = element(r, alwaysArrays);
          object = object != null ? object : NODES.objectNode();
          JsonNode existing = object.get(name);
          if (existing == null) {
            object.set(name, alwaysArrays.contains(name) ? NODES.arrayNode().add(child) : child);
          } else if (existing instanceof ArrayNode array
              && (alwaysArrays.contains(name) || repeated != null && repeated.contains(name))) {
            array.add(child);
          } else {
            object.set(name, NODES.arrayNode().add(existing).add(child));
            repeated = repeated != null ? repeated : new HashSet<>();
            repeated.add(name);
          }
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            text.append(r.getText());
        case XMLStreamConstants.ENTITY_REFERENCE ->
            throw new XmlRefusedException(
                "an entity reference '&" + r.getLocalName() + ";' is not allowed", null);
        case XMLStreamConstants.END_ELEMENT -> {
          if (object == null) {
            return TextNode.valueOf(text.toString());
          }
          String own = text.toString().strip();
          if (!own.isEmpty()) {
            object.put("#text", own);
          }
          return object;
        }
        default -> {} // comments, processing instructions
      }
    }
  }

  private static void close(@Nullable XMLStreamReader r) {
    if (r != null) {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // nothing was held but the byte array
      }
    }
  }
}
