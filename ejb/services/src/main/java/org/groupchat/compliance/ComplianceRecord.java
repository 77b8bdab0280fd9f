package org.groupchat.compliance;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
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
                @Index(name = "compliance_event_time", columnList = "occurred_at"),
                @Index(name = "compliance_event_archived", columnList = "archived_at")})
public class ComplianceRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Embedded
    private EventFields fields;

    @Column(name = "archived_at", nullable = false)
    private Instant archivedAt;

    protected ComplianceRecord() {
        // for JPA
    }

    ComplianceRecord(ComplianceEvent event, Instant archivedAt) {
        fields = new EventFields(event);
        this.archivedAt = archivedAt;
    }

    public Long getId() {
        return id;
    }

    public Instant getArchivedAt() {
        return archivedAt;
    }

    public ComplianceEvent event() {
        return fields.event();
    }
}
