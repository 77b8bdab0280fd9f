package org.groupchat.compliance;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.UUID;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.directory.DirectorySync;
import org.groupchat.storage.AfterCommit;
import org.groupchat.storage.Database;
import org.groupchat.storage.DurableCommits;

/**
 * Where the chat side reports what happened. The event goes into the outbox in the caller's
 * transaction, so a message and its compliance event commit together or not at all; after the
 * commit the relay is woken to take it to the compliance queue.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ComplianceRecorder {

    private static final String WAKE = ComplianceRecorder.class.getName() + ".wake";

    @PersistenceContext(unitName = "chat")
    private EntityManager chat;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @EJB
    private ComplianceRelay relay;

    @EJB
    private DurableCommits durable;

    @EJB
    private DirectorySync directory;

    private GroupchatSettings settings;

    @PostConstruct
    void readSettings() {
        settings = GroupchatSettings.current();
    }

    public void record(ComplianceEventType type, String roomUri, String roomName, String user, Instant at, String content) {
        record(type, roomUri, roomName, user, at, content, null);
    }

    public void recordChat(String roomUri, String roomName, String user, Instant at, String text, String storyTitle, boolean alert,
                           long sequence) {
        record(new ComplianceEvent(UUID.randomUUID().toString(), ComplianceEventType.CHAT, roomUri, roomName, user, at,
                text, settings.nodeName(), sequence, storyTitle, alert, null, null));
    }

    /** A message an import brought in: its author, original time and text, and the number it has here. */
    public void recordImported(String roomUri, String roomName, String author, Instant postedAt, String text, String storyTitle,
                               boolean alert, long sequence) {
        record(new ComplianceEvent(UUID.randomUUID().toString(), ComplianceEventType.MESSAGE_IMPORTED, roomUri, roomName, author,
                postedAt, text, settings.nodeName(), sequence, storyTitle, alert, null, null));
    }

    /**
     * An event about one message of the room (a file shared or fetched, a message removed), with
     * the message's number where there is one.
     */
    public void recordAboutMessage(ComplianceEventType type, String roomUri, String roomName, String user, Instant at, String details,
                           Long sequence) {
        record(type, roomUri, roomName, user, at, details, sequence);
    }

    private void record(ComplianceEventType type, String roomUri, String roomName, String user, Instant at,
                        String content, Long sequence) {
        record(new ComplianceEvent(UUID.randomUUID().toString(), type, roomUri, roomName, user, at, content, settings.nodeName(),
                sequence, null, false, null, null));
    }

    private void record(ComplianceEvent event) {
        if (!settings.complianceEnabled()) {
            return;
        }
        ComplianceEvent named = directory.user(event.user()).map(user -> event.namedBy(user.displayName(), user.email())).orElse(event);
        chat.persist(new OutboxEntry(named));
        durable.onCommit(Database.CHAT); // an event must outlive a crash as its change does
        if (transactions.getResource(WAKE) == null) { // one wake for a transaction's events, however many
            transactions.putResource(WAKE, Boolean.TRUE);
            AfterCommit.run(transactions, relay::wake);
        }
    }
}
