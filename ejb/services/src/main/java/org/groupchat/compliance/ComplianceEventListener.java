package org.groupchat.compliance;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.logging.Logger;

/**
 * Takes compliance events off the queue (one room's, several to a message), archives them, and then
 * lets the outbox release them ({@link OutboxRelease}). The archive commits first, the outbox after, and the
 * message is acknowledged last (no XA transaction: the H2 datasource cannot take part in one, and
 * a transaction left in doubt by a crash would hold the room's later events back until recovery).
 * A crash in between delivers the message again, and the archive ignores an event it holds.
 *
 * <p>A failing archive write is tried again here first, a few times over about 15 seconds: while
 * this delivery waits, the room's later messages wait behind it (one room, one consumer at a
 * time), so a passing failure does not change the room's order. A message the queue takes back is
 * delivered again only after the queue's redelivery delay, and the room's later messages may be
 * archived before it. After the attempts the queue allows, it goes to the dead-letter queue.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/groupchat/compliance"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ComplianceEventListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ComplianceEventListener.class.getName());

    /** Pauses before each further attempt of one message, in milliseconds. */
    private static final long[] RETRY_PAUSES = {250, 500, 1_000, 2_000, 4_000, 8_000};

    @EJB
    private ComplianceArchive archive;

    @EJB
    private OutboxRelease outbox;

    @Override
    public void onMessage(Message message) {
        List<ComplianceEvent> events;
        try {
            events = ComplianceMessages.fromMessage(message);
        } catch (IllegalArgumentException | JMSException e) {
            LOG.severe("compliance: a message on the compliance queue cannot be read; it goes back to the queue"
                    + " (and in the end to its dead-letter queue): " + e.getMessage());
            throw new IllegalStateException("unreadable compliance message", e);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                archive.archive(events);
                outbox.release(events);
                return;
            } catch (RuntimeException e) {
                if (attempt == RETRY_PAUSES.length) {
                    LOG.severe("compliance: " + events.size() + " events of " + room(events) + " could not be archived after "
                            + (attempt + 1) + " attempts; the message goes back to the queue: " + rootCause(e));
                    throw e;
                }
                LOG.warning("compliance: archiving " + events.size() + " events of " + room(events) + " failed (attempt "
                        + (attempt + 1) + "), trying again in " + RETRY_PAUSES[attempt] + " ms: " + rootCause(e));
                pause(RETRY_PAUSES[attempt]);
            }
        }
    }

    private static String room(List<ComplianceEvent> events) {
        return events.isEmpty() ? "no room" : events.get(0).roomUri();
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to archive again", e);
        }
    }
}
