package org.groupchat.compliance;

import java.time.Instant;
import org.groupchat.compliance.adapter.ExportedEvent;

/** An event as the archive holds it: its row number (archive order) and when it was archived. */
public record ArchivedEvent(long id, String eventId, ComplianceEventType type, String roomUri, String roomName, String user,
                            Instant occurredAt, String content, String node, Long chatSequence, String storyTitle, boolean alert,
                            String userDisplayName, String userEmail, Instant archivedAt) {

    static ArchivedEvent of(ComplianceRecord record) {
        ComplianceEvent event = record.event();
        return new ArchivedEvent(record.getId(), event.eventId(), event.type(), event.roomUri(), event.roomName(),
                event.user(), event.occurredAt(), event.content(), event.node(), event.chatSequence(), event.storyTitle(), event.alert(),
                event.userDisplayName(), event.userEmail(), record.getArchivedAt());
    }

    static ArchivedEvent of(ExportedEvent event) {
        return new ArchivedEvent(event.id(), event.eventId(), ComplianceEventType.valueOf(event.type()), event.roomUri(),
                event.roomName(), event.user(), event.occurredAt(), event.content(), event.node(), event.chatSequence(),
                event.storyTitle(), event.alert(), event.userDisplayName(), event.userEmail(), event.archivedAt());
    }

    /** As the compliance adapters receive it. */
    ExportedEvent exported() {
        return new ExportedEvent(id, eventId, type.name(), roomUri, roomName, user, occurredAt, content, node, chatSequence,
                storyTitle, alert, userDisplayName, userEmail, archivedAt);
    }
}
