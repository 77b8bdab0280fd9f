package org.groupchat.compliance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/** One archived event in the compliance database; never changed, never removed. */
@Entity
@Table(name = "compliance_event",
        uniqueConstraints = @UniqueConstraint(name = "compliance_event_once", columnNames = "event_id"),
        indexes = {
                @Index(name = "compliance_event_room", columnList = "room_uri, occurred_at"),
                @Index(name = "compliance_event_user", columnList = "user_name, occurred_at"),
                @Index(name = "compliance_event_time", columnList = "occurred_at")})
public class ComplianceRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

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

    /** Not a LOB: a long varchar is text in PostgreSQL and searchable with like in both databases. */
    @Column(nullable = false, length = 1_000_000)
    private String content;

    @Column(nullable = false, length = 128)
    private String node;

    @Column(name = "chat_sequence")
    private Long chatSequence;

    @Column(name = "archived_at", nullable = false)
    private Instant archivedAt;

    protected ComplianceRecord() {
        // for JPA
    }

    ComplianceRecord(ComplianceEvent event, Instant archivedAt) {
        eventId = event.eventId();
        type = event.type();
        roomUri = event.roomUri();
        roomName = event.roomName();
        user = event.user();
        occurredAt = event.occurredAt();
        content = event.content();
        node = event.node();
        chatSequence = event.chatSequence();
        this.archivedAt = archivedAt;
    }

    public Long getId() {
        return id;
    }

    public Instant getArchivedAt() {
        return archivedAt;
    }

    public ComplianceEvent event() {
        return new ComplianceEvent(eventId, type, roomUri, roomName, user, occurredAt, content, node, chatSequence);
    }
}
