package org.groupchat.compliance;

import java.time.Instant;

/** An event as the archive holds it: its row number (archive order) and when it was archived. */
public record ArchivedEvent(long id, String eventId, ComplianceEventType type, String roomUri, String roomName, String user,
                            Instant occurredAt, String content, String node, Long chatSequence, String storyTitle, boolean alert,
                            Instant archivedAt) {

    static ArchivedEvent of(ComplianceRecord record) {
        ComplianceEvent event = record.event();
        return new ArchivedEvent(record.getId(), event.eventId(), event.type(), event.roomUri(), event.roomName(),
                event.user(), event.occurredAt(), event.content(), event.node(), event.chatSequence(), event.storyTitle(), event.alert(),
                record.getArchivedAt());
    }
}
