package org.groupchat.retention;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.groupchat.channel.Room;
import org.groupchat.channel.RoomUri;
import org.groupchat.compliance.ComplianceEventType;
import org.groupchat.compliance.ComplianceRecorder;
import org.groupchat.config.GroupchatSettings;

/**
 * Takes a room's old messages out of the chat database (history and search), one batch per
 * transaction; each batch commits with its HISTORY_PURGED event, so no message leaves unrecorded.
 * The compliance archive keeps every message: the purge never touches it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class HistoryPurge {

    @PersistenceContext(unitName = "chat")
    private EntityManager chat;

    @EJB
    private ComplianceRecorder compliance;

    private final Clock clock = Clock.systemUTC();
    private String domain;

    @PostConstruct
    void readSettings() {
        domain = GroupchatSettings.current().domain();
    }

    /**
     * Removes up to {@code batch} of the room's messages posted before {@code before}, oldest first,
     * except those of held users.
     *
     * @param by who: an administrator, or {@code retention} for the category's retention
     * @param why the rule, for the compliance event
     * @return how many were removed; fewer than {@code batch} when none are left
     */
    public int purgeBatch(String by, Room room, Instant before, Holds holds, int batch, String why) {
        List<Object[]> oldest = chat.createQuery("select m.id, m.sequence from ChatMessage m where m.room.id = :room"
                        + " and m.postedAt < :before and lower(m.author) not in :held order by m.sequence", Object[].class)
                .setParameter("room", room.getId()).setParameter("before", before).setParameter("held", holds.usersForQuery())
                .setMaxResults(batch).getResultList();
        if (oldest.isEmpty()) {
            return 0;
        }
        List<Long> ids = oldest.stream().map(row -> (Long) row[0]).toList();
        Object first = oldest.get(0)[1];
        Object last = oldest.get(oldest.size() - 1)[1];
        int removed = chat.createQuery("delete from ChatMessage m where m.id in :ids").setParameter("ids", ids).executeUpdate();
        compliance.record(ComplianceEventType.HISTORY_PURGED, new RoomUri(domain, room.getId()).toString(), room.getName(), by, clock.instant(),
                "removed=" + removed + "; postedBefore=" + before + "; firstSequence=" + first + "; lastSequence=" + last
                        + "; heldUsers=" + holds.users().size() + "; rule=" + why);
        return removed;
    }

    /** How many of the room's messages before that time a hold on their author keeps. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long keptUnderHold(long roomId, Instant before, Holds holds) {
        if (holds.users().isEmpty()) {
            return 0;
        }
        return chat.createQuery("select count(m) from ChatMessage m where m.room.id = :room and m.postedAt < :before"
                        + " and lower(m.author) in :held", Long.class)
                .setParameter("room", roomId).setParameter("before", before).setParameter("held", holds.users())
                .getSingleResult();
    }
}
