package org.groupchat.compliance;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.groupchat.config.GroupchatSettings;

/**
 * Moves the outbox to the compliance queue, oldest first, on one thread of its own: woken after
 * each commit that wrote an event (and then gathering for a tenth of a second), and every few
 * seconds in case a wake-up was missed (or the server stopped with events waiting).
 *
 * <p>A batch is sent and committed on the queue first and removed from the outbox after. A crash
 * in between sends the batch again (at the next start, or by another node's relay); the archive
 * keeps one row per event id, so the repeat is harmless, while the other order could lose events.
 * Every node runs a relay; they take turns through a lease row (see {@link ComplianceOutbox}).
 * The relay reads and trims the outbox itself (not through another bean), so that it keeps working
 * until it is stopped.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ComplianceRelay {

    private static final Logger LOG = Logger.getLogger(ComplianceRelay.class.getName());
    private static final int BATCH = 500;
    private static final long IDLE_CHECK_SECONDS = 2;
    private static final long RETRY_SECONDS = 5;
    /** Events that arrive meanwhile travel together: fewer, larger messages and archive transactions. */
    private static final long GATHER_MILLIS = 100;

    /** The in-VM factory without JTA: the relay commits its own JMS transactions. */
    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory connections;

    @Resource(lookup = "java:/jms/queue/groupchat/compliance")
    private Queue queue;

    @Resource
    private ManagedThreadFactory threads;

    @PersistenceContext(unitName = "chat")
    private EntityManager chat;

    @Resource
    private UserTransaction transaction;

    private ComplianceOutbox outbox;

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    @PostConstruct
    void start() {
        if (!GroupchatSettings.current().complianceEnabled()) {
            LOG.warning("compliance is switched off (" + GroupchatSettings.COMPLIANCE_ENABLED + "=false): chat events are not archived");
            return;
        }
        outbox = new ComplianceOutbox(chat);
        running = true;
        worker = threads.newThread(this::relayUntilStopped);
        worker.setName("groupchat-compliance-relay");
        worker.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (worker != null) {
            wakeUps.release();
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called after a transaction that wrote events has committed. */
    public void wake() {
        wakeUps.release();
    }

    private void relayUntilStopped() {
        while (running) {
            try (JMSContext jms = connections.createContext(JMSContext.SESSION_TRANSACTED)) {
                JMSProducer producer = jms.createProducer();
                while (running) {
                    if (wakeUps.tryAcquire(IDLE_CHECK_SECONDS, TimeUnit.SECONDS)) {
                        Thread.sleep(GATHER_MILLIS);
                    }
                    wakeUps.drainPermits();
                    relayWaiting(jms, producer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "compliance: events wait in the outbox, the queue could not take them; retrying in "
                        + RETRY_SECONDS + " s", e);
                pause();
            }
        }
    }

    /**
     * Each batch in one transaction of the chat database that holds the relay's lease: read, sent
     * and committed on the queue, removed, committed. A node that dies with events in the outbox
     * leaves them to the relay of another.
     */
    private void relayWaiting(JMSContext jms, JMSProducer producer) throws Exception {
        int sent;
        do {
            sent = inTransaction(() -> {
                outbox.takeLease();
                List<OutboxEntry> batch = outbox.oldest(BATCH);
                if (batch.isEmpty()) {
                    return 0;
                }
                for (List<ComplianceEvent> room : byRoom(batch)) {
                    producer.send(queue, ComplianceMessages.toMessage(jms, room));
                }
                jms.commit();
                outbox.remove(batch.stream().map(OutboxEntry::getId).toList());
                return batch.size();
            });
            if (sent > 0) {
                int count = sent;
                LOG.fine(() -> count + " compliance events queued");
            }
        } while (sent == BATCH);
    }

    /** The batch as one list per room, each in the order the events were written. */
    private static Collection<List<ComplianceEvent>> byRoom(List<OutboxEntry> batch) {
        Map<String, List<ComplianceEvent>> rooms = new LinkedHashMap<>();
        for (OutboxEntry entry : batch) {
            ComplianceEvent event = entry.event();
            rooms.computeIfAbsent(event.roomUri(), room -> new ArrayList<>()).add(event);
        }
        return rooms.values();
    }

    private <T> T inTransaction(Callable<T> work) throws Exception {
        transaction.begin();
        try {
            T result = work.call();
            transaction.commit();
            return result;
        } catch (Exception e) {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            throw e;
        }
    }

    private void pause() {
        try {
            Thread.sleep(TimeUnit.SECONDS.toMillis(RETRY_SECONDS)); // not cut short by wake-ups: the queue needs time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
