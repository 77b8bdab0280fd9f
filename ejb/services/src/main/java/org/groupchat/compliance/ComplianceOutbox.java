package org.groupchat.compliance;

import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * The outbox table of the chat database: the events the compliance queue does not have yet.
 * Used by the relay inside its own transactions.
 */
final class ComplianceOutbox {

    private final EntityManager chat;

    ComplianceOutbox(EntityManager chat) {
        this.chat = chat;
    }

    /**
     * Takes the relay's lease until the transaction ends: with several nodes on one database, one
     * relay at a time moves the outbox, so that each event is sent once and a room's events in
     * their order. The others wait here for their turn.
     */
    void takeLease() {
        chat.createNativeQuery("select id from compliance_relay_lease where id = 1 for update").getResultList();
    }

    /** The oldest waiting events, in the order they were written. */
    List<OutboxEntry> oldest(int max) {
        return chat.createQuery("select e from OutboxEntry e order by e.id", OutboxEntry.class)
                .setMaxResults(max)
                .getResultList();
    }

    void remove(List<Long> ids) {
        chat.createQuery("delete from OutboxEntry e where e.id in :ids").setParameter("ids", ids).executeUpdate();
    }
}
