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
 * Takes compliance events off the queue (of several rooms, many to a message), archives them, and then
 * lets the outbox release them ({@link OutboxRelease}). The archive commits first, the outbox after, and the
 * message is acknowledged last (no XA transaction: the H2 datasource cannot take part in one, and
 * a transaction left in doubt by a crash would hold the room's later events back until recovery).
 * A crash in between delivers the message again, and the archive ignores an event it holds.
 *
 * <p>A message's events are archived in one transaction, and released in one. Should that fail,
 * each room's are archived on their own, so that one room's trouble holds back no other room. A
 * failing write is tried again here first, a few times over about 15 seconds: while this delivery
 * waits, the room's later events wait in the outbox (a room has one message on its way at a
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
        try {
            archiveAndRelease(events);
            return;
        } catch (RuntimeException e) {
            if (ComplianceEvent.byRoom(events).size() == 1) {
                archiveWithRetries(events, e);
                return;
            }
            LOG.warning("compliance: archiving " + events.size() + " events of several rooms together failed; archiving them room by room: "
                    + rootCause(e));
        }
        RuntimeException unarchived = null; // the other rooms still go through
        for (List<ComplianceEvent> room : ComplianceEvent.byRoom(events)) {
            try {
                archiveAndRelease(room);
            } catch (RuntimeException e) {
                try {
                    archiveWithRetries(room, e);
                } catch (RuntimeException last) {
                    unarchived = last;
                }
            }
        }
        if (unarchived != null) {
            throw unarchived; // back to the queue; the rooms archived meanwhile are skipped next time
        }
    }

    private void archiveAndRelease(List<ComplianceEvent> events) {
        archive.archive(events);
        outbox.release(events);
    }

    /** Tries again after a first failure; the last failure sends the message back to the queue. */
    private void archiveWithRetries(List<ComplianceEvent> events, RuntimeException first) {
        RuntimeException failure = first;
        for (int attempt = 1; ; attempt++) {
            if (attempt > RETRY_PAUSES.length) {
                LOG.severe("compliance: " + events.size() + " events of " + room(events) + " could not be archived after "
                        + attempt + " attempts; the message goes back to the queue: " + rootCause(failure));
                throw failure;
            }
            LOG.warning("compliance: archiving " + events.size() + " events of " + room(events) + " failed (attempt "
                    + attempt + "), trying again in " + RETRY_PAUSES[attempt - 1] + " ms: " + rootCause(failure));
            pause(RETRY_PAUSES[attempt - 1]);
            try {
                archiveAndRelease(events);
                return;
            } catch (RuntimeException e) {
                failure = e;
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
