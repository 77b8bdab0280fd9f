package org.groupchat.retention;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * The one row ({@code retention_lease}) through which the nodes of a pool take turns: the node
 * whose update takes the lease runs the job; the lease runs out by itself if that node dies.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RetentionLease {

    @PersistenceContext(unitName = "chat")
    private EntityManager chat;

    /**
     * Takes the lease until {@code until} if no node holds it; a scheduled run also only when one
     * is due.
     */
    public boolean take(String node, Instant now, Instant until, boolean scheduled) {
        return chat.createNativeQuery("update retention_lease set holder = ?1, lease_until = ?2 where id = 1"
                        + " and (lease_until is null or lease_until < ?3)"
                        + (scheduled ? " and (next_run_at is null or next_run_at <= ?3)" : ""))
                .setParameter(1, node).setParameter(2, until).setParameter(3, now).executeUpdate() == 1;
    }

    /** Keeps the lease while a long run goes on. */
    public void extend(String node, Instant until) {
        chat.createNativeQuery("update retention_lease set lease_until = ?1 where id = 1 and holder = ?2")
                .setParameter(1, until).setParameter(2, node).executeUpdate();
    }

    /** Gives the lease back; the next scheduled run is due at {@code nextRun}. */
    public void release(String node, Instant nextRun) {
        chat.createNativeQuery("update retention_lease set holder = null, lease_until = null, next_run_at = ?1 where id = 1 and holder = ?2")
                .setParameter(1, nextRun).setParameter(2, node).executeUpdate();
    }
}
