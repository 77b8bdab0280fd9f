package org.groupchat.compliance;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The outbox table of the chat database: the events the archive does not have yet. Used by the
 * relay inside its own transactions, and by {@link OutboxRelease} once the archive has events.
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

    /**
     * The oldest events that no live queue holds, in the order they were written: never sent, sent
     * by a node that is not alive (its queue went down with it), or sent before
     * {@code resendBefore} (a message lost all the same). Rooms with a message on its way to the
     * archive are left out entirely: their next events wait for it, so the archive keeps each
     * room's order.
     *
     * @param liveNodes never empty: the relay's own node is alive
     */
    List<OutboxEntry> toSend(int max, Collection<String> liveNodes, Instant resendBefore) {
        return chat.createQuery("select e from OutboxEntry e"
                        + " where (e.sentAt is null or e.sentAt < :resendBefore or e.sentBy not in :live)"
                        + " and e.fields.roomUri not in (select f.fields.roomUri from OutboxEntry f"
                        + "   where f.sentAt >= :resendBefore and f.sentBy in :live)"
                        + " order by e.id", OutboxEntry.class)
                .setParameter("resendBefore", resendBefore)
                .setParameter("live", liveNodes)
                .setMaxResults(max)
                .getResultList();
    }

    void markSent(List<Long> ids, String node, Instant at) {
        chat.createQuery("update OutboxEntry e set e.sentAt = :at, e.sentBy = :node where e.id in :ids")
                .setParameter("at", at).setParameter("node", node).setParameter("ids", ids).executeUpdate();
    }

    /** The archive has these events: they leave the outbox. */
    void release(Collection<String> eventIds) {
        chat.createQuery("delete from OutboxEntry e where e.fields.eventId in :ids").setParameter("ids", eventIds).executeUpdate();
    }
}
