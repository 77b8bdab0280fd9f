package org.groupchat.compliance;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;

/**
 * A compliance event's columns, the same in the chat database's outbox and in the archive. Enums
 * are varchar (see Room); the content is a long varchar, not a LOB: text in PostgreSQL and
 * searchable with like in both databases.
 */
@Embeddable
public class EventFields {

    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false, length = 32, columnDefinition = "varchar(32)")
    private ComplianceEventType type;

    @Column(name = "room_uri", nullable = false, length = 256)
    private String roomUri;

    @Column(name = "room_name", nullable = false, length = 256)
    private String roomName;

    @Column(name = "user_name", nullable = false, length = 256)
    private String user;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false, length = 1_000_000)
    private String content;

    @Column(nullable = false, length = 128)
    private String node;

    @Column(name = "chat_sequence")
    private Long chatSequence;

    @Column(name = "story_title", length = 256)
    private String storyTitle;

    @Column(nullable = false)
    private boolean alert;

    @Column(name = "user_display_name", length = 256)
    private String userDisplayName;

    @Column(name = "user_email", length = 256)
    private String userEmail;

    protected EventFields() {
        // for JPA
    }

    EventFields(ComplianceEvent event) {
        eventId = event.eventId();
        type = event.type();
        roomUri = event.roomUri();
        roomName = event.roomName();
        user = event.user();
        occurredAt = event.occurredAt();
        content = event.content();
        node = event.node();
        chatSequence = event.chatSequence();
        storyTitle = event.storyTitle();
        alert = event.alert();
        userDisplayName = event.userDisplayName();
        userEmail = event.userEmail();
    }

    ComplianceEvent event() {
        return new ComplianceEvent(eventId, type, roomUri, roomName, user, occurredAt, content, node, chatSequence, storyTitle, alert,
                userDisplayName, userEmail);
    }
}
