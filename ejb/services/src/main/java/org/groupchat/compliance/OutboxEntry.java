package org.groupchat.compliance;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

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

    // the outbox's type column was named "type" before the fields were shared
    @Embedded
    @AttributeOverride(name = "type", column = @Column(name = "type", nullable = false, length = 32, columnDefinition = "varchar(32)"))
    private EventFields fields;

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
}
