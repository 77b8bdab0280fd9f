package org.groupchat.compliance;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.lookup.ChannelServerRegistry;

/**
 * Moves the outbox to this node's compliance queue, oldest first, on one thread of its own: woken
 * after each commit that wrote an event or released archived ones (and then gathering for a tenth
 * of a second), and every few seconds in case a wake-up was missed (or the server stopped with
 * events waiting).
 *
 * <p>The outbox keeps an event until the archive has it ({@link OutboxRelease}); the relay only
 * notes when it handed it to a queue, and whose. The queue is this node's own (not spread over the
 * cluster: see README, Several nodes), so a message on its way is in the journal of the node that
 * sent it. If that node dies, another node's relay sends its events again as soon as the registry
 * counts it dead; a message lost in any other way is sent again after {@link #RESEND_AFTER}. The
 * archive keeps one row per event id, so a repeat is harmless. A room has at most one message on
 * its way at a time, whichever node sent it: its next events wait in the outbox until that one is
 * archived, so the archive holds each room's events in their order, across nodes and failures.
 *
 * <p>Every node runs a relay; they take turns through a lease row (see {@link ComplianceOutbox}).
 * The relay reads and marks the outbox itself (not through another bean), so that it keeps working
 * until it is stopped.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "ChannelServerRegistry"})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ComplianceRelay {

    private static final Logger LOG = Logger.getLogger(ComplianceRelay.class.getName());
    private static final int BATCH = 500;
    /**
     * Events to a message at most (a room with more waiting goes in a message of its own): the
     * archive writes a message in one transaction, and several messages are archived at once.
     */
    static final int EVENTS_PER_MESSAGE = 100;
    private static final long IDLE_CHECK_SECONDS = 2;
    private static final long RETRY_SECONDS = 5;
    /** Events that arrive meanwhile travel together: fewer, larger messages and archive transactions. */
    private static final long GATHER_MILLIS = 100;
    /**
     * A message a live node's queue should hold but that the archive still lacks after this long is
     * sent again: longer than the queue's redelivery schedule (about 12 minutes, then the
     * dead-letter queue), so that a slow archive is not flooded with repeats.
     */
    static final Duration RESEND_AFTER = Duration.ofMinutes(15);

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

    @EJB
    private ChannelServerRegistry registry;

    private ComplianceOutbox outbox;
    private String node;
    private final Clock clock = Clock.systemUTC();

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
        node = GroupchatSettings.current().nodeName();
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

    /** Called after a transaction that wrote or released events has committed. */
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
                LOG.log(Level.WARNING, "compliance: the relay failed (the chat database or the queue); events wait in the outbox,"
                        + " retrying in " + RETRY_SECONDS + " s", e);
                pause();
            }
        }
    }

    /**
     * Each batch in one transaction of the chat database that holds the relay's lease: read, marked
     * as sent by this node, sent and committed on the queue, committed. A crash before the last
     * commit sends the batch again; a node that dies with events in the outbox or in its queue
     * leaves them to the relay of another.
     */
    private void relayWaiting(JMSContext jms, JMSProducer producer) throws Exception {
        int sent;
        do {
            sent = inTransaction(() -> {
                outbox.takeLease();
                Instant now = clock.instant();
                Set<String> liveNodes = liveNodes();
                List<OutboxEntry> batch = outbox.toSend(BATCH, liveNodes, now.minus(RESEND_AFTER));
                if (batch.isEmpty()) {
                    return 0;
                }
                // marked before they are sent: the rows are then this transaction's before the archive can
                // have them, so its release waits for this commit (marked after, each transaction held
                // rows the other wanted, and H2 rolled one back as a deadlock)
                outbox.markSent(batch.stream().map(OutboxEntry::getId).toList(), node, now);
                for (List<ComplianceEvent> events : messages(batch.stream().map(OutboxEntry::event).toList())) {
                    producer.send(queue, ComplianceMessages.toMessage(jms, events));
                }
                jms.commit();
                logResent(batch, liveNodes);
                return batch.size();
            });
            if (sent > 0) {
                int count = sent;
                LOG.fine(() -> count + " compliance events queued");
            }
        } while (sent == BATCH);
    }

    /** The nodes whose heartbeat is fresh, this one always among them. */
    private Set<String> liveNodes() {
        Set<String> live = new HashSet<>();
        live.add(node);
        registry.alive().forEach(server -> live.add(server.getNodeName()));
        return live;
    }

    private static void logResent(List<OutboxEntry> batch, Set<String> liveNodes) {
        Map<String, Long> resentBySender = batch.stream().filter(OutboxEntry::wasSent)
                .collect(Collectors.groupingBy(OutboxEntry::sentBy, Collectors.counting()));
        resentBySender.forEach((sender, count) -> LOG.warning("compliance: " + count + " events that node " + sender
                + " had queued are sent again: " + (liveNodes.contains(sender) ? "not archived after " + RESEND_AFTER.toMinutes()
                + " minutes" : "the node is not alive") + " (the archive ignores any it has)"));
    }

    /**
     * The batch packed into messages of at most {@link #EVENTS_PER_MESSAGE} events, each room's
     * events together in one message, in the order they were written.
     */
    static List<List<ComplianceEvent>> messages(List<ComplianceEvent> batch) {
        List<List<ComplianceEvent>> messages = new ArrayList<>();
        List<ComplianceEvent> filling = new ArrayList<>();
        for (List<ComplianceEvent> room : ComplianceEvent.byRoom(batch)) {
            if (!filling.isEmpty() && filling.size() + room.size() > EVENTS_PER_MESSAGE) {
                messages.add(filling);
                filling = new ArrayList<>();
            }
            filling.addAll(room);
        }
        if (!filling.isEmpty()) {
            messages.add(filling);
        }
        return messages;
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
