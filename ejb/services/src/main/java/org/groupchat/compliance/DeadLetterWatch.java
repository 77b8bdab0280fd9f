package org.groupchat.compliance;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.groupchat.config.GroupchatSettings;

/**
 * Watches the compliance queue's dead letters: events the archive could not take after every
 * redelivery (its database down for more than about twelve minutes). While any wait there, an
 * error says so every {@code groupchat.compliance.dead-letter-check-seconds} (a minute), with how
 * to move them back; {@code /api/status} shows the count. Their events also stay in the outbox,
 * which sends them again by itself, but an operator should know the archive is behind.
 */
@Singleton
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterWatch {

    static final String DEAD_LETTERS = "java:/jms/queue/groupchat/compliance-dead-letters";
    /** Counting stops here: the count says "at least". */
    static final int MAX_COUNTED = 10_000;
    private static final Logger LOG = Logger.getLogger(DeadLetterWatch.class.getName());

    @Resource(lookup = "java:/ConnectionFactory")
    private ConnectionFactory connections;

    @Resource
    private TimerService timers;

    private Queue deadLetters;
    /** Messages in the dead-letter queue at the last check; -1 before it, or with no such queue. */
    private volatile int waiting = -1;

    @PostConstruct
    void start() {
        try {
            deadLetters = (Queue) new InitialContext().lookup(DEAD_LETTERS);
        } catch (NamingException e) {
            LOG.warning("compliance: no dead-letter queue at " + DEAD_LETTERS + " (jms-config/src/main/cli/compliance-address-settings.cli"
                    + " was not run on this server): events that cannot be archived are not watched");
            return;
        }
        long interval = GroupchatSettings.current().deadLetterCheckInterval().toMillis();
        timers.createIntervalTimer(Math.min(interval, 5000), interval, new TimerConfig("compliance dead letters", false));
    }

    @Timeout
    void check() {
        try {
            int counted = count();
            waiting = counted;
            if (counted > 0) {
                LOG.severe(() -> "compliance: " + (counted >= MAX_COUNTED ? "at least " : "") + counted + " message(s) of events the archive"
                        + " could not take wait in the dead-letter queue groupchat.compliance.DLQ; fix the compliance database, then"
                        + " move them back: jboss-cli.sh --connect --command='/subsystem=messaging-activemq/server=default"
                        + "/jms-queue=groupchat.compliance.DLQ:move-messages(other-queue-name=groupchat.compliance)' (README, Compliance)");
            }
        } catch (JMSException | JMSRuntimeException e) {
            LOG.warning("compliance: the dead-letter queue could not be read: " + e);
        }
    }

    /** Messages waiting in the dead-letter queue at the last check (up to 10,000), or -1 when not known. */
    public int waiting() {
        return waiting;
    }

    private int count() throws JMSException {
        try (JMSContext jms = connections.createContext(); QueueBrowser browser = jms.createBrowser(deadLetters)) {
            int counted = 0;
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements() && counted < MAX_COUNTED; counted++) {
                messages.nextElement();
            }
            return counted;
        }
    }
}
