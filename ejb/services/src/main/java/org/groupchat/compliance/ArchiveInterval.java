package org.groupchat.compliance;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.groupchat.compliance.adapter.ExportBatch;
import org.groupchat.compliance.adapter.ExportedEvent;

/** The events archived in one interval, read from the compliance database a page at a time. */
final class ArchiveInterval implements ExportBatch {

    private final EntityManager archive;
    private final Instant from;
    private final Instant to;
    private final Path directory;

    ArchiveInterval(EntityManager archive, Instant from, Instant to, Path directory) {
        this.archive = archive;
        this.from = from;
        this.to = to;
        this.directory = directory;
    }

    @Override
    public Instant from() {
        return from;
    }

    @Override
    public Instant to() {
        return to;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public List<String> rooms() {
        return archive.createQuery("select distinct r.fields.roomUri from ComplianceRecord r"
                        + " where r.archivedAt >= :from and r.archivedAt < :to order by r.fields.roomUri", String.class)
                .setParameter("from", from).setParameter("to", to).getResultList();
    }

    @Override
    public Iterable<ExportedEvent> events() {
        return new Paged<>(after -> page(after, null), ExportedEvent::id);
    }

    @Override
    public Iterable<ExportedEvent> events(String room) {
        return new Paged<>(after -> page(after, room), ExportedEvent::id);
    }

    /** The next page of the interval's rows (of one room, unless null); let go of by the persistence context once read. */
    private List<ExportedEvent> page(long after, String room) {
        TypedQuery<ComplianceRecord> query = archive.createQuery("select r from ComplianceRecord r where r.archivedAt >= :from"
                        + " and r.archivedAt < :to and r.id > :after" + (room == null ? "" : " and r.fields.roomUri = :room")
                        + " order by r.id", ComplianceRecord.class)
                .setParameter("from", from).setParameter("to", to).setParameter("after", after).setMaxResults(Paged.PAGE);
        if (room != null) {
            query.setParameter("room", room);
        }
        List<ComplianceRecord> rows = query.getResultList();
        rows.forEach(archive::detach);
        return rows.stream().map(row -> ArchivedEvent.of(row).exported()).toList();
    }
}
