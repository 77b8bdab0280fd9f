package org.groupchat.compliance;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.groupchat.storage.Database;
import org.groupchat.storage.DurableCommits;

/**
 * The compliance archive's own retention (off unless {@code groupchat.compliance.retention-days}
 * is set): events archived before a time leave it, one batch per transaction, each batch with an
 * ARCHIVE_PURGED event written in the same transaction. Events of held rooms and users stay, and
 * so does anything a scheduled export has not written yet.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ArchivePurge {

    /** The subject of the archive's purge events: no room, the archive itself. */
    public static final String SUBJECT = "archive";

    @PersistenceContext(unitName = "compliance")
    private EntityManager compliance;

    @EJB
    private DurableCommits durable;

    private final Clock clock = Clock.systemUTC();

    /**
     * The time before which events may go: the given one, or earlier when a scheduled export
     * has not gone that far (an adapter that has not written its first interval holds everything).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Instant> purgeableBefore(Instant before) {
        Instant limit = before;
        for (ExportProgress progress : compliance.createQuery("select p from ExportProgress p", ExportProgress.class).getResultList()) {
            if (progress.exportedTo() == null) {
                return Optional.empty();
            }
            if (progress.exportedTo().isBefore(limit)) {
                limit = progress.exportedTo();
            }
        }
        return Optional.of(limit);
    }

    /**
     * Removes up to {@code batch} events archived before {@code before}, oldest first, except
     * the held rooms' and users' and the purge events themselves.
     *
     * @param node this node's name, for the purge event
     * @return how many were removed; fewer than {@code batch} when none are left
     */
    public int purgeBatch(Instant before, Set<String> heldRoomUris, Set<String> heldUsers, int batch, int days, String node) {
        List<Long> ids = compliance.createQuery("select r.id from ComplianceRecord r where r.archivedAt < :before"
                        + " and r.fields.roomUri not in :rooms and lower(r.fields.user) not in :users"
                        + " and r.fields.type <> :purge order by r.id", Long.class)
                .setParameter("before", before).setParameter("rooms", nonEmpty(heldRoomUris))
                .setParameter("users", nonEmpty(heldUsers)).setParameter("purge", ComplianceEventType.ARCHIVE_PURGED)
                .setMaxResults(batch).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        int removed = compliance.createQuery("delete from ComplianceRecord r where r.id in :ids").setParameter("ids", ids).executeUpdate();
        Instant now = clock.instant();
        compliance.persist(new ComplianceRecord(new ComplianceEvent(UUID.randomUUID().toString(), ComplianceEventType.ARCHIVE_PURGED,
                SUBJECT, "", "retention", now, "removed=" + removed + "; archivedBefore=" + before + "; retentionDays=" + days
                        + "; firstId=" + ids.get(0) + "; lastId=" + ids.get(ids.size() - 1) + "; heldRooms=" + heldRoomUris.size()
                        + "; heldUsers=" + heldUsers.size(), node, null, null, false, null, null), now));
        durable.onCommit(Database.COMPLIANCE);
        return removed;
    }

    /** An empty list is not valid SQL everywhere; "" is no room's URI and no one's name. */
    private static Set<String> nonEmpty(Set<String> values) {
        return values.isEmpty() ? Set.of("") : values;
    }
}
