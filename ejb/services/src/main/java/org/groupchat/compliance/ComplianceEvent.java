package org.groupchat.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One chat event on its way to the archive.
 *
 * @param eventId unique for ever: the archive keeps one row per id, however often it is delivered
 * @param roomUri the room ({@code ma-chan://DOMAIN/ID}), or the category or group an administrative event is about
 * @param user who did it: a SIP URI, or an administrator's login name
 * @param content the message text, or a short description of what changed; may be empty
 * @param node the node the event happened on
 * @param chatSequence the message's number in its room, for CHAT; null otherwise
 * @param storyTitle for a CHAT that is a story, its title (the content is its body); null otherwise
 * @param alert for a CHAT, whether it was sent as high importance
 * @param userDisplayName the user's name in the directory, when it has one; null otherwise
 * @param userEmail the user's e-mail address in the directory, when it has one; null otherwise
 */
public record ComplianceEvent(String eventId, ComplianceEventType type, String roomUri, String roomName, String user,
                              Instant occurredAt, String content, String node, Long chatSequence, String storyTitle,
                              boolean alert, String userDisplayName, String userEmail) {

    public ComplianceEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(roomUri, "roomUri");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(occurredAt, "occurredAt");
        roomName = roomName == null ? "" : roomName;
        content = content == null ? "" : content;
        node = node == null ? "" : node;
    }

    /** The event with the user's name and address as the directory has them. */
    public ComplianceEvent namedBy(String displayName, String email) {
        return new ComplianceEvent(eventId, type, roomUri, roomName, user, occurredAt, content, node, chatSequence, storyTitle, alert,
                displayName, email);
    }

    /** The events as one list per room, each in the order given. */
    static Collection<List<ComplianceEvent>> byRoom(List<ComplianceEvent> events) {
        Map<String, List<ComplianceEvent>> rooms = new LinkedHashMap<>();
        for (ComplianceEvent event : events) {
            rooms.computeIfAbsent(event.roomUri(), room -> new ArrayList<>()).add(event);
        }
        return rooms.values();
    }
}
