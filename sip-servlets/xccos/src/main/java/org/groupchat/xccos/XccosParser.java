package org.groupchat.xccos;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads XCCOS bodies that arrive from the network, which are hostile until checked.
 *
 * <p>The JDK's own StAX parser is used, whatever the application server offers, so that the
 * protections below do not depend on the deployment: DTDs are refused outright (no entity
 * expansion, no external entities), and size, depth and element count are capped before the tree
 * is built. Any violation is an {@link XccosParseException} whose message is fit for a log line.
 */
public final class XccosParser {

    /** The caps this parser enforces. */
    public record Limits(int maxBodyBytes, int maxDepth, int maxElements) {
        public static final Limits DEFAULT = new Limits(64 * 1024, 16, 4096);
    }

    private final Limits limits;
    private final XMLInputFactory factory;

    public XccosParser() {
        this(Limits.DEFAULT);
    }

    public XccosParser(Limits limits) {
        this.limits = limits;
        this.factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    }

    public Limits limits() {
        return limits;
    }

    public XccosEnvelope parse(String body) throws XccosParseException {
        if (body == null || body.isBlank()) {
            throw new XccosParseException("empty body");
        }
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > limits.maxBodyBytes()) {
            throw new XccosParseException("body of " + size + " bytes exceeds the limit of " + limits.maxBodyBytes());
        }
        XmlElement root = readTree(body);
        return toEnvelope(root);
    }

    private XmlElement readTree(String body) throws XccosParseException {
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new StringReader(body));
            Deque<PartialElement> open = new ArrayDeque<>();
            XmlElement root = null;
            int elements = 0;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.DTD ->
                            throw new XccosParseException("document type declarations are not accepted");
                    case XMLStreamConstants.ENTITY_REFERENCE ->
                            throw new XccosParseException("entity reference '" + reader.getLocalName() + "' is not accepted");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++elements > limits.maxElements()) {
                            throw new XccosParseException("more than " + limits.maxElements() + " elements");
                        }
                        if (open.size() >= limits.maxDepth()) {
                            throw new XccosParseException("elements nested deeper than " + limits.maxDepth());
                        }
                        if (root != null) {
                            throw new XccosParseException("content after the root element");
                        }
                        if (open.isEmpty() && "xccos".equals(reader.getLocalName())
                                && !XccosEnvelope.NAMESPACE.equals(reader.getNamespaceURI())) {
                            throw new XccosParseException("<xccos> is not in the namespace " + XccosEnvelope.NAMESPACE
                                    + (reader.getNamespaceURI() == null ? "" : " but in " + shorten(reader.getNamespaceURI())));
                        }
                        open.push(PartialElement.start(reader));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!open.isEmpty()) {
                            open.peek().text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        XmlElement done = open.pop().finish();
                        if (open.isEmpty()) {
                            root = done;
                        } else {
                            open.peek().children.add(done);
                        }
                    }
                    default -> {
                        // comments, processing instructions and whitespace carry nothing for us
                    }
                }
            }
            if (root == null) {
                throw new XccosParseException("no root element");
            }
            return root;
        } catch (XMLStreamException e) {
            throw new XccosParseException("not well-formed XML: " + firstLine(e.getMessage()), e);
        } finally {
            closeQuietly(reader);
        }
    }

    private static XccosEnvelope toEnvelope(XmlElement root) throws XccosParseException {
        if (!root.name().equals("xccos")) {
            throw new XccosParseException("root element is <" + root.name() + ">, expected <xccos>");
        }
        long envid = number(root, "envid", "xccos");
        List<XccosItem> items = new ArrayList<>();
        for (XmlElement child : root.children()) {
            XccosItem.Kind kind = XccosItem.Kind.ofElement(child.name())
                    .orElseThrow(() -> new XccosParseException("unexpected element <" + child.name() + "> in <xccos>"));
            String id = child.attribute("id")
                    .orElseThrow(() -> new XccosParseException("<" + child.name() + "> has no id"));
            items.add(new XccosItem(kind, id, number(child, "seqid", child.name()), child));
        }
        if (items.isEmpty()) {
            throw new XccosParseException("<xccos> carries no command");
        }
        return new XccosEnvelope(envid, items);
    }

    private static long number(XmlElement element, String attribute, String where) throws XccosParseException {
        String value = element.attribute(attribute)
                .orElseThrow(() -> new XccosParseException("<" + where + "> has no " + attribute));
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new XccosParseException("<" + where + "> " + attribute + "=\"" + shorten(value) + "\" is not a number");
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    /** The JDK's own explanation without its "ParseError at [row,col]" preamble. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int text = message.lastIndexOf("Message: ");
        String reason = text >= 0 ? message.substring(text + "Message: ".length()) : message;
        return reason.strip().split("\\R")[0];
    }

    private static void closeQuietly(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing left to release
            }
        }
    }

    /** An element whose end tag has not been read yet. */
    private record PartialElement(String name, Map<String, String> attributes, List<XmlElement> children,
                                  StringBuilder text) {

        /**
         * XCCOS attributes have no prefix; one with a prefix ({@code x:id}) is another vocabulary's and
         * is left out, so that it cannot stand in for, or overwrite, the attribute of the same name.
         */
        static PartialElement start(XMLStreamReader reader) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                String namespace = reader.getAttributeNamespace(i);
                if (namespace == null || namespace.isEmpty()) {
                    attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                }
            }
            return new PartialElement(reader.getLocalName(), attributes, new ArrayList<>(), new StringBuilder());
        }

        XmlElement finish() {
            return new XmlElement(name, attributes, children, children.isEmpty() ? text.toString() : text.toString().strip());
        }
    }
}
