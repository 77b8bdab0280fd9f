package org.groupchat.compliance;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.groupchat.compliance.adapter.ComplianceAdapter;
import org.groupchat.config.GroupchatSettings.ComplianceExportSettings;

/**
 * One step of the scheduled export: an adapter's next interval, written and recorded in one
 * transaction that holds the adapter's progress row, so that in a pool one node writes it.
 */
@Stateless
public class ComplianceExportRun {

    @PersistenceContext(unitName = "compliance")
    private EntityManager archive;

    private final Clock clock = Clock.systemUTC();

    /** The adapter's progress row, made at its first run (another node making it at the same moment fails the commit). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void startProgress(String adapter) {
        if (archive.find(ExportProgress.class, adapter) == null) {
            archive.persist(new ExportProgress(adapter));
        }
    }

    /**
     * Writes the adapter's next interval that holds events and is complete (its end at least
     * the delay ago: no transaction still archiving into it), then records it as written. A node
     * that comes second waits for the first's commit, then finds the interval done.
     *
     * @return the interval written; empty when none is due
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Interval> exportNext(ComplianceAdapter adapter, ComplianceExportSettings settings) {
        ExportProgress progress = archive.find(ExportProgress.class, adapter.name(), LockModeType.PESSIMISTIC_WRITE);
        Instant done = progress.exportedTo() == null ? Instant.EPOCH : progress.exportedTo();
        Instant firstLeft = archive.createQuery("select min(r.archivedAt) from ComplianceRecord r where r.archivedAt >= :done", Instant.class)
                .setParameter("done", done).getSingleResult();
        if (firstLeft == null) {
            return Optional.empty();
        }
        Instant from = intervalStart(firstLeft, settings.interval());
        Instant to = from.plus(settings.interval());
        if (to.plus(settings.delay()).isAfter(clock.instant())) {
            return Optional.empty();
        }
        ArchiveInterval interval = new ArchiveInterval(archive, from, to, directoryOf(adapter, settings));
        try {
            adapter.write(interval);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // rolls back: the interval comes again at the next run
        }
        progress.exportedTo(to);
        return Optional.of(new Interval(from, to));
    }

    /** An interval of archive time, {@code [from, to)}. */
    public record Interval(Instant from, Instant to) {
    }

    static Path directoryOf(ComplianceAdapter adapter, ComplianceExportSettings settings) {
        return settings.directory().resolve(adapter.name());
    }

    /** Intervals are fixed slices of time since the epoch: a run and its repeat cut them alike. */
    static Instant intervalStart(Instant at, Duration interval) {
        long length = interval.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), length) * length);
    }
}
