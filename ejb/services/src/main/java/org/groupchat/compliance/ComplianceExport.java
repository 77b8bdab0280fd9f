package org.groupchat.compliance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes archived events for auditors: XML in the layout of the OCS / Skype for Business
 * compliance adapter (one {@code Conversation} per room, its {@code Messages} in archive order;
 * the schema is {@code compliance-export.xsd} next to this class), or CSV with every field.
 */
public final class ComplianceExport {

    public static final String SCHEMA_RESOURCE = "/org/groupchat/compliance/compliance-export.xsd";

    /** The message types of the compliance adapter's layout; administrative events are in the CSV only. */
    public static final Set<ComplianceEventType> CONVERSATION_TYPES = EnumSet.of(ComplianceEventType.JOIN, ComplianceEventType.PART,
            ComplianceEventType.CHAT, ComplianceEventType.BACKCHAT, ComplianceEventType.FILEUPLOAD, ComplianceEventType.FILEDOWNLOAD);

    /** .NET ticks (100 ns since 0001-01-01) at the Unix epoch: the layout's {@code long} time. */
    private static final long TICKS_AT_EPOCH = 621_355_968_000_000_000L;

    private ComplianceExport() {
    }

    public static void writeXml(EventPages pages, List<String> rooms, AuditQuery query, OutputStream out) {
        writeXml(rooms.stream()
                .map(room -> new AuditQuery(room, query.user(), query.type(), query.from(), query.to(), query.text()))
                .map(inRoom -> new Paged<>(after -> pages.after(inRoom, after, Paged.PAGE), ArchivedEvent::id))
                .toList(), out);
    }

    /**
     * One {@code Conversation} per room that has messages of the layout's types (the others are
     * skipped), each room's events given in archive order.
     *
     * @return how many messages were written
     */
    static int writeXml(List<? extends Iterable<ArchivedEvent>> rooms, OutputStream out) {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("Conversations");
            int written = 0;
            for (Iterable<ArchivedEvent> room : rooms) {
                written += writeConversation(xml, room);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
            return written;
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the compliance export could not be written: " + e.getMessage(), e);
        }
    }

    private static int writeConversation(XMLStreamWriter xml, Iterable<ArchivedEvent> events) throws XMLStreamException {
        ArchivedEvent first = null;
        ArchivedEvent last = null;
        int written = 0;
        for (ArchivedEvent event : events) {
            if (!CONVERSATION_TYPES.contains(event.type())) {
                continue;
            }
            if (first == null) {
                first = event;
                xml.writeStartElement("Conversation");
                xml.writeEmptyElement("Channel");
                xml.writeAttribute("uri", event.roomUri());
                xml.writeAttribute("name", event.roomName());
                xml.writeAttribute("islogged", "true");
                writeMessage(xml, "FirstMessage", event);
                xml.writeStartElement("Messages");
            }
            writeMessage(xml, "Message", event);
            last = event;
            written++;
        }
        if (first != null) {
            xml.writeEndElement(); // Messages
            writeTime(xml, "StartTimeUTC", first.occurredAt());
            writeTime(xml, "EndTimeUTC", last.occurredAt());
            xml.writeEndElement(); // Conversation
        }
        return written;
    }

    private static void writeMessage(XMLStreamWriter xml, String element, ArchivedEvent event) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeAttribute("type", event.type().name());
        xml.writeAttribute("content", event.content());
        xml.writeAttribute("id", Long.toString(event.id()));
        if (event.storyTitle() != null) {
            xml.writeAttribute("storyTitle", event.storyTitle());
        }
        if (event.alert()) {
            xml.writeAttribute("alert", "true");
        }
        xml.writeEmptyElement("Sender");
        String uri = event.user().startsWith("sip:") ? event.user().substring(4) : event.user();
        // the directory's name and address where it has them, as the Skype for Business adapter writes them
        xml.writeAttribute("UserName", event.userDisplayName() != null ? event.userDisplayName()
                : uri.contains("@") ? uri.substring(0, uri.indexOf('@')) : uri);
        xml.writeAttribute("email", event.userEmail() == null ? "" : event.userEmail());
        xml.writeAttribute("internal", "true");
        xml.writeAttribute("uri", uri);
        writeTime(xml, "DateTimeUTC", event.occurredAt());
        xml.writeEndElement();
    }

    private static void writeTime(XMLStreamWriter xml, String element, Instant time) throws XMLStreamException {
        xml.writeEmptyElement(element);
        xml.writeAttribute("since1970", Long.toString(time.toEpochMilli()));
        xml.writeAttribute("string", time.toString());
        xml.writeAttribute("long", Long.toString(TICKS_AT_EPOCH + time.getEpochSecond() * 10_000_000L + time.getNano() / 100));
    }

    public static void writeCsv(EventPages pages, AuditQuery query, Writer out) {
        Consumer<String> line = text -> {
            try {
                out.write(text);
                out.write("\r\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        line.accept("id,event_id,type,room_uri,room_name,user,occurred_at,content,node,chat_sequence,archived_at,story_title,alert,"
                + "user_display_name,user_email");
        for (ArchivedEvent event : new Paged<>(after -> pages.after(query, after, Paged.PAGE), ArchivedEvent::id)) {
            line.accept(String.join(",", Long.toString(event.id()), event.eventId(), event.type().name(),
                    csv(event.roomUri()), csv(event.roomName()), csv(event.user()), event.occurredAt().toString(),
                    csv(event.content()), csv(event.node()),
                    event.chatSequence() == null ? "" : event.chatSequence().toString(), event.archivedAt().toString(),
                    event.storyTitle() == null ? "" : csv(event.storyTitle()), Boolean.toString(event.alert()),
                    event.userDisplayName() == null ? "" : csv(event.userDisplayName()), event.userEmail() == null ? "" : csv(event.userEmail())));
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A field a
     * spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return:
     * anything a user posted, such as {@code =HYPERLINK(...)}) gets a leading apostrophe and quotes,
     * as OWASP advises, so that the auditor's spreadsheet shows it as text.
     */
    static String csv(String field) {
        boolean formula = !field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0;
        if (formula || field.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return '"' + (formula ? "'" : "") + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }
}
