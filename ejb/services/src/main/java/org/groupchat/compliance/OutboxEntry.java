package org.groupchat.compliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event waiting in the chat database to be handed to the compliance queue. It is written in
 * the transaction of the change it records, so the two exist together or not at all, and removed
 * once the queue has it.
 */
@Entity
@Table(name = "compliance_outbox")
public class OutboxEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32, columnDefinition = "varchar(32)")
    private ComplianceEventType type;

    @Column(name = "room_uri", nullable = false, length = 256)
    private String roomUri;

    @Column(name = "room_name", nullable = false, length = 256)
    private String roomName;

    @Column(name = "user_name", nullable = false, length = 256)
    private String user;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    /** Not a LOB: a long varchar is text in PostgreSQL and searchable with like in both databases. */
    @Column(nullable = false, length = 1_000_000)
    private String content;

    @Column(nullable = false, length = 128)
    private String node;

    @Column(name = "chat_sequence")
    private Long chatSequence;

    protected OutboxEntry() {
        // for JPA
    }

    OutboxEntry(ComplianceEvent event) {
        eventId = event.eventId();
        type = event.type();
        roomUri = event.roomUri();
        roomName = event.roomName();
        user = event.user();
        occurredAt = event.occurredAt();
        content = event.content();
        node = event.node();
        chatSequence = event.chatSequence();
    }

    public Long getId() {
        return id;
    }

    public ComplianceEvent event() {
        return new ComplianceEvent(eventId, type, roomUri, roomName, user, occurredAt, content, node, chatSequence);
    }
}
