package org.groupchat.migration;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.groupchat.channel.ChatPost;
import org.groupchat.compliance.ComplianceEventType;
import org.groupchat.compliance.ComplianceExport;

/**
 * Reads compliance XML files in the layout of the OCS / Skype for Business compliance XML adapter,
 * which this server's export writes too ({@code compliance-export.xsd}): {@code Conversations},
 * each {@code Conversation} a {@code Channel} and its {@code Messages}. Only CHAT messages are
 * history; joins, parts and file transfers are counted and left. No DTD, no entities: the files
 * come from another system.
 */
final class HistoryXml {

    /** The layout's types that are not history: joins, parts, history reads, file transfers. */
    private static final Set<String> LEFT_TYPES = ComplianceExport.CONVERSATION_TYPES.stream()
            .filter(type -> type != ComplianceEventType.CHAT).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    private HistoryXml() {
    }

    static List<Conversation> read(String file, InputStream in, int sizeLimit, List<ImportProblem> problems) {
        List<Conversation> conversations = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in);
            Reading reading = new Reading(file, sizeLimit, problems);
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new XMLStreamException("a DOCTYPE is not taken", xml.getLocation());
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    reading.start(xml);
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    reading.end(xml.getLocalName()).ifPresent(conversations::add);
                }
            }
            if (!reading.sawRoot) {
                problems.add(new ImportProblem(file, 0, "not a compliance XML file: no Conversations element"));
            }
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            problems.add(new ImportProblem(file, Math.max(line, 0), "not well-formed XML: " + e.getMessage().replaceAll("\\s+", " ")));
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader that failed
                }
            }
        }
        return conversations;
    }

    /** The state of one file's reading: the conversation and the message being read. */
    private static final class Reading {

        private final String file;
        private final int sizeLimit;
        private final List<ImportProblem> problems;
        private boolean sawRoot;
        private long conversationLine;
        private String channelUri;
        private String channelName;
        private List<HistoryMessage> messages;
        private int skipped;
        private boolean inMessages;
        private Message message;

        Reading(String file, int sizeLimit, List<ImportProblem> problems) {
            this.file = file;
            this.sizeLimit = sizeLimit;
            this.problems = problems;
        }

        void start(XMLStreamReader xml) {
            long line = xml.getLocation().getLineNumber();
            switch (xml.getLocalName()) {
                case "Conversations" -> sawRoot = true;
                case "Conversation" -> {
                    conversationLine = line;
                    channelUri = null;
                    channelName = null;
                    messages = new ArrayList<>();
                    skipped = 0;
                }
                case "Channel" -> {
                    channelUri = attribute(xml, "uri");
                    channelName = attribute(xml, "name");
                }
                case "Messages" -> inMessages = true;
                case "Message" -> {
                    if (inMessages) {
                        message = new Message(line, attribute(xml, "type"), attribute(xml, "id"), attribute(xml, "content"),
                                attribute(xml, "storyTitle"), "true".equalsIgnoreCase(attribute(xml, "alert")));
                    }
                }
                case "Sender" -> {
                    if (message != null) {
                        message.sender = attribute(xml, "uri");
                    }
                }
                case "DateTimeUTC" -> {
                    if (message != null) {
                        message.time = time(attribute(xml, "since1970"), attribute(xml, "string"));
                    }
                }
                default -> {
                    // FirstMessage (a copy of the first), StartTimeUTC, EndTimeUTC: nothing new
                }
            }
        }

        Optional<Conversation> end(String element) {
            switch (element) {
                case "Message" -> {
                    if (message != null) {
                        take(message);
                        message = null;
                    }
                }
                case "Messages" -> inMessages = false;
                case "Conversation" -> {
                    if (channelName == null || channelName.isBlank()) {
                        problem(conversationLine, "the Conversation has no Channel with a name");
                        return Optional.empty();
                    }
                    return Optional.of(new Conversation(file, conversationLine, channelUri == null ? "" : channelUri,
                            channelName.trim(), List.copyOf(messages), skipped));
                }
                default -> {
                    // nothing to close
                }
            }
            return Optional.empty();
        }

        private void take(Message read) {
            String type = read.type == null ? "" : read.type;
            if (LEFT_TYPES.contains(type)) {
                skipped++;
                return;
            }
            if (!type.equals("CHAT")) {
                problem(read.line, "message type '" + type + "' is none of CHAT, " + LEFT_TYPES);
            } else if (read.id == null || read.id.isBlank()) {
                problem(read.line, "the message has no id (what tells a second run it was imported)");
            } else if (read.sender == null || !read.sender.contains("@")) {
                problem(read.line, "the message has no Sender with a uri");
            } else if (read.time == null) {
                problem(read.line, "the message has no DateTimeUTC (since1970 or string)");
            } else if (read.content == null || read.content.isBlank()) {
                problem(read.line, "the message is empty");
            } else if (read.content.length() > sizeLimit) {
                problem(read.line, "the message has " + read.content.length() + " characters; the story size limit is " + sizeLimit);
            } else if (read.storyTitle != null && read.storyTitle.length() > ChatPost.MAX_TITLE) {
                problem(read.line, "the story's title has " + read.storyTitle.length() + " characters; at most " + ChatPost.MAX_TITLE
                        + " are kept");
            } else {
                String sender = read.sender.trim().toLowerCase(Locale.ROOT);
                messages.add(new HistoryMessage(file, read.line, (channelUri == null ? channelName : channelUri) + "#" + read.id.trim(),
                        sender.startsWith("sip:") ? sender : "sip:" + sender, read.time, read.content,
                        read.storyTitle == null || read.storyTitle.isBlank() ? null : read.storyTitle, read.alert));
            }
        }

        private Instant time(String since1970, String string) {
            try {
                if (since1970 != null && !since1970.isBlank()) {
                    return Instant.ofEpochMilli(Long.parseLong(since1970.trim()));
                }
                return string == null || string.isBlank() ? null : Instant.parse(string.trim());
            } catch (NumberFormatException | DateTimeParseException e) {
                return null;
            }
        }

        private void problem(long line, String text) {
            problems.add(new ImportProblem(file, line, text));
        }

        private static String attribute(XMLStreamReader xml, String name) {
            return xml.getAttributeValue(null, name);
        }
    }

    /** A Message element as far as it has been read. */
    private static final class Message {
        final long line;
        final String type;
        final String id;
        final String content;
        final String storyTitle;
        final boolean alert;
        String sender;
        Instant time;

        Message(long line, String type, String id, String content, String storyTitle, boolean alert) {
            this.line = line;
            this.type = type;
            this.id = id;
            this.content = content;
            this.storyTitle = storyTitle;
            this.alert = alert;
        }
    }
}
