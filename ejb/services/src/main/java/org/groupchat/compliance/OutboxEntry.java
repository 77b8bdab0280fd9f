package org.groupchat.compliance;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event waiting in the chat database for the compliance archive. It is written in the
 * transaction of the change it records, so the two exist together or not at all; the relay hands
 * it to a node's compliance queue (and notes when, and which node's), and it is removed once the
 * archive has it.
 */
@Entity
@Table(name = "compliance_outbox")
public class OutboxEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    // the outbox's type column was named "type" before the fields were shared
    @Embedded
    @AttributeOverride(name = "type", column = @Column(name = "type", nullable = false, length = 32, columnDefinition = "varchar(32)"))
    private EventFields fields;

    /** When the relay handed it to a compliance queue; null: not yet. */
    @Column(name = "sent_at")
    private Instant sentAt;

    /** The node whose compliance queue holds it (the relay's own). */
    @Column(name = "sent_by", length = 128)
    private String sentBy;

    protected OutboxEntry() {
        // for JPA
    }

    OutboxEntry(ComplianceEvent event) {
        fields = new EventFields(event);
    }

    public Long getId() {
        return id;
    }

    public ComplianceEvent event() {
        return fields.event();
    }

    /** Whether it was handed to a queue before: sending it now is sending it again. */
    boolean wasSent() {
        return sentAt != null;
    }

    String sentBy() {
        return sentBy;
    }
}
