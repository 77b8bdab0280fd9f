package org.groupchat.compliance;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.groupchat.compliance.adapter.ExportBatch;
import org.groupchat.compliance.adapter.ExportedEvent;

/** The events archived in one interval, read from the compliance database a page at a time. */
final class ArchiveInterval implements ExportBatch {

    private static final int PAGE = 1000;

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
        return () -> new Pages(null);
    }

    @Override
    public Iterable<ExportedEvent> events(String room) {
        return () -> new Pages(room);
    }

    /** Walks the interval's rows by id; each page is let go of once read, so memory stays flat. */
    private final class Pages implements Iterator<ExportedEvent> {

        private final String room;
        private long after;
        private Iterator<ExportedEvent> page = List.<ExportedEvent>of().iterator();
        private boolean last;

        Pages(String room) {
            this.room = room;
        }

        @Override
        public boolean hasNext() {
            if (!page.hasNext() && !last) {
                List<ComplianceRecord> rows = nextRows();
                last = rows.size() < PAGE;
                page = rows.stream().map(row -> ArchivedEvent.of(row).exported()).toList().iterator();
                rows.forEach(archive::detach);
                if (!rows.isEmpty()) {
                    after = rows.get(rows.size() - 1).getId();
                }
            }
            return page.hasNext();
        }

        @Override
        public ExportedEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }

        private List<ComplianceRecord> nextRows() {
            TypedQuery<ComplianceRecord> query = archive.createQuery("select r from ComplianceRecord r where r.archivedAt >= :from"
                            + " and r.archivedAt < :to and r.id > :after" + (room == null ? "" : " and r.fields.roomUri = :room")
                            + " order by r.id", ComplianceRecord.class)
                    .setParameter("from", from).setParameter("to", to).setParameter("after", after).setMaxResults(PAGE);
            if (room != null) {
                query.setParameter("room", room);
            }
            return query.getResultList();
        }
    }
}
