package org.groupchat.compliance;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Logger;

/**
 * Takes compliance events off the queue (one room's, several to a message) and archives them. The archive commits first and the
 * message is acknowledged after (no XA transaction: the H2 datasource cannot take part in one, and
 * a transaction left in doubt by a crash would hold the room's later events back until recovery).
 * A crash in between delivers the message again, and the archive ignores an event it holds. A
 * failure sends the message back to the queue, to be delivered again (and, after the attempts the
 * queue allows, into its dead-letter queue).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/groupchat/compliance"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ComplianceEventListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ComplianceEventListener.class.getName());

    @EJB
    private ComplianceArchive archive;

    @Override
    public void onMessage(Message message) {
        try {
            archive.archive(ComplianceMessages.fromMessage(message));
        } catch (IllegalArgumentException | JMSException e) {
            LOG.severe("compliance: a message on the compliance queue cannot be read; it goes back to the queue"
                    + " (and in the end to its dead-letter queue): " + e.getMessage());
            throw new IllegalStateException("unreadable compliance message", e);
        }
    }
}
