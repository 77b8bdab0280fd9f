package org.groupchat.compliance;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import org.groupchat.storage.AfterCommit;

/**
 * The last step of an event's way: once the archive has committed it, it leaves the outbox, and
 * the relay may send the room's next events. Until then the outbox keeps it, whatever happens to
 * the queue that carries it.
 */
@Stateless
public class OutboxRelease {

    @PersistenceContext(unitName = "chat")
    private EntityManager chat;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @EJB
    private ComplianceRelay relay;

    /** @param events archived (or found in the archive already) */
    public void release(List<ComplianceEvent> events) {
        new ComplianceOutbox(chat).release(events.stream().map(ComplianceEvent::eventId).toList());
        AfterCommit.run(transactions, relay::wake); // the room's next events may go now
    }
}
