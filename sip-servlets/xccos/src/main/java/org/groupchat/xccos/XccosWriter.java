package org.groupchat.xccos;

import java.io.StringWriter;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the XCCOS documents the server sends, in the exact shapes real clients parse
 * (see docs: {@code <xccos ver="1" envid="N" xmlns="urn:parlano:xml:ns:xccos">}, no XML
 * declaration, one kind of child per envelope).
 */
public final class XccosWriter {

    /** Reply ids that are not simply the command id with {@code cmd:} turned into {@code rpl:}. */
    private static final Map<String, String> IRREGULAR_REPLY_IDS = Map.of(
            "cmd:getserverinfo", "rpl:getservinfo",
            "cmd:getservinfo", "rpl:getservinfo",
            "cmd:getfutok", "rpl:getftok",
            "cmd:getfdtok", "rpl:getftok");

    /** The envelope's end tag, after its child. */
    public static final String ENVELOPE_END = "</xccos>";

    private final XMLOutputFactory factory = XMLOutputFactory.newDefaultFactory();

    /** The reply id real servers use for a command id. */
    public static String replyIdFor(String commandId) {
        String irregular = IRREGULAR_REPLY_IDS.get(commandId);
        if (irregular != null) {
            return irregular;
        }
        return commandId.startsWith("cmd:") ? "rpl:" + commandId.substring(4) : commandId;
    }

    /**
     * A reply to {@code command}, which arrived in the envelope {@code requestEnvid}.
     *
     * @param reason for 200 ignored ({@code SUCCESS_OK} is sent); otherwise the text the user sees
     * @param data   the reply's data children
     */
    public String reply(long envid, long requestEnvid, XccosItem command, XccosCode code, String reason,
                        XmlElement... data) {
        XmlElement.Builder dataElement = XmlElement.of("data");
        for (XmlElement element : data) {
            dataElement.child(element);
        }
        XmlElement reply = XmlElement.of("rpl")
                .attribute("id", replyIdFor(command.id()))
                .attribute("seqid", command.seqid())
                .child(XmlElement.of("commandid").attribute("seqid", command.seqid()).attribute("envid", requestEnvid))
                .child(XmlElement.of("resp").attribute("code", code.code())
                        .text(code == XccosCode.SUCCESS_OK ? "SUCCESS_OK" : reason))
                .child(dataElement)
                .build();
        return envelope(envid, reply);
    }

    /** An envelope around one child, written as given. */
    public String envelope(long envid, XmlElement child) {
        return envelope(envid, write(child));
    }

    /**
     * The child written once, for many envelopes: a message goes to every participant, each in an
     * envelope of its own dialog's number.
     */
    public String write(XmlElement child) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = factory.createXMLStreamWriter(out);
            write(xml, child);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XCCOS element " + child.name(), e);
        }
        return out.toString();
    }

    /** An envelope around a child {@link #write(XmlElement) written} already. */
    public String envelope(long envid, String writtenChild) {
        return envelopeStart(envid) + writtenChild + ENVELOPE_END;
    }

    /** The envelope's start tag, which its child follows. */
    public String envelopeStart(long envid) {
        return "<xccos ver=\"" + XccosEnvelope.VERSION + "\" envid=\"" + envid + "\" xmlns=\"" + XccosEnvelope.NAMESPACE + "\">";
    }

    private static void write(XMLStreamWriter xml, XmlElement element) throws XMLStreamException {
        boolean empty = element.children().isEmpty() && element.text().isEmpty();
        if (empty) {
            xml.writeEmptyElement(element.name());
        } else {
            xml.writeStartElement(element.name());
        }
        for (Map.Entry<String, String> attribute : element.attributes().entrySet()) {
            xml.writeAttribute(attribute.getKey(), attribute.getValue());
        }
        if (!empty) {
            if (!element.text().isEmpty()) {
                xml.writeCharacters(element.text());
            }
            for (XmlElement child : element.children()) {
                write(xml, child);
            }
            xml.writeEndElement();
        }
    }
}
