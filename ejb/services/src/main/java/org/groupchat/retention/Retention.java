package org.groupchat.retention;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.logging.Logger;
import org.groupchat.channel.CategoryPolicy;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.Room;
import org.groupchat.channel.RoomRepository;
import org.groupchat.compliance.ArchivePurge;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.config.GroupchatSettings.RetentionSettings;

/**
 * The retention job and an administrator's clearing of a room, in batches of
 * {@code groupchat.retention.batch}, each its own transaction: a long purge holds no lock for long
 * and, stopped half-way, goes on where it was at the next run. Runs on one node of a pool at a
 * time (the {@link RetentionLease}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    /** How long a node holds the lease before it must extend it: a dead node's lease runs out. */
    private static final Duration LEASE = Duration.ofMinutes(10);
    /** A room's progress is logged every this many messages. */
    private static final long PROGRESS_EVERY = 10_000;

    @EJB
    private RoomRepository rooms;

    @EJB
    private LegalHolds holds;

    @EJB
    private HistoryPurge history;

    @EJB
    private ArchivePurge archive;

    @EJB
    private RetentionLease lease;

    private final Clock clock = Clock.systemUTC();
    private RetentionSettings settings;
    private String node;

    @PostConstruct
    void readSettings() {
        GroupchatSettings all = GroupchatSettings.current();
        settings = all.retention();
        node = all.nodeName();
    }

    /**
     * One run of the job, if this node gets the lease: a scheduled run only when one is due, one
     * asked for by an administrator whenever no other node is running it.
     */
    public RetentionSummary run(boolean scheduled) {
        Instant start = clock.instant();
        if (!lease.take(node, start, start.plus(LEASE), scheduled)) {
            LOG.fine(() -> "retention: not due, or another node is running it");
            return new RetentionSummary(false, 0, 0, 0, 0);
        }
        try {
            return purgeAll(start);
        } finally {
            lease.release(node, clock.instant().plus(settings.checkEvery()));
        }
    }

    /** Clears the room's history of what was posted before the given time; a room under a legal hold is refused. */
    public ClearedHistory clearRoom(String admin, long roomId, Instant before) {
        Room room = rooms.room(roomId).orElseThrow(() -> ChannelRefusal.notFound("There is no room " + roomId));
        if (before == null) {
            throw ChannelRefusal.badRequest("Say up to when to clear: before, an ISO-8601 time such as 2026-01-01T00:00:00Z");
        }
        if (before.isAfter(clock.instant())) {
            throw ChannelRefusal.badRequest("before (" + before + ") is in the future");
        }
        holds.onRoom(roomId).ifPresent(hold -> {
            throw ChannelRefusal.conflict("Room " + room.getName() + " is under legal hold " + hold.id() + " (" + hold.reason()
                    + ", placed by " + hold.placedBy() + "): nothing of it is removed until the hold is released");
        });
        Holds held = holds.covered();
        LOG.info(() -> "room " + roomId + " (" + room.getName() + "): " + admin + " clears the history posted before " + before);
        long removed = purgeRoom(admin, room, before, held, "cleared by " + admin);
        long kept = history.keptUnderHold(roomId, before, held);
        LOG.info(() -> "room " + roomId + " (" + room.getName() + "): " + removed + " messages cleared by " + admin
                + (kept > 0 ? ", " + kept + " kept under legal hold" : ""));
        return new ClearedHistory(roomId, room.getName(), before, removed, kept);
    }

    private RetentionSummary purgeAll(Instant start) {
        Holds held = holds.covered();
        int roomsWithRetention = 0;
        long removed = 0;
        long kept = 0;
        for (Room room : rooms.rooms()) {
            int days = CategoryPolicy.retentionDays(room.getCategory());
            if (days == 0) {
                continue;
            }
            roomsWithRetention++;
            if (held.coversRoom(room.getId())) {
                LOG.fine(() -> "retention: room " + room.getId() + " is under legal hold");
                continue;
            }
            Instant before = start.minus(Duration.ofDays(days));
            long fromRoom = purgeRoom("retention", room, before, held, "category " + room.getCategory().getName() + " keeps "
                    + days + " days");
            long keptInRoom = history.keptUnderHold(room.getId(), before, held);
            if (fromRoom > 0 || keptInRoom > 0) {
                LOG.info(() -> "retention: room " + room.getId() + " (" + room.getName() + "): " + fromRoom + " messages posted before "
                        + before + " removed (" + days + " days)" + (keptInRoom > 0 ? ", " + keptInRoom + " kept under legal hold" : ""));
            }
            removed += fromRoom;
            kept += keptInRoom;
            lease.extend(node, clock.instant().plus(LEASE));
        }
        long fromArchive = purgeArchive(start, held);
        RetentionSummary summary = new RetentionSummary(true, roomsWithRetention, removed, kept, fromArchive);
        LOG.info(() -> "retention: run done in " + Duration.between(start, clock.instant()).toMillis() + " ms: " + summary.removed()
                + " messages removed from " + summary.rooms() + " rooms with a retention, " + summary.keptUnderHold()
                + " kept under legal hold, " + summary.archiveRemoved() + " events removed from the compliance archive");
        return summary;
    }

    private long purgeRoom(String by, Room room, Instant before, Holds held, String why) {
        return drain(() -> history.purgeBatch(by, room, before, held, settings.batch(), why),
                "messages removed from room " + room.getId());
    }

    private long purgeArchive(Instant start, Holds held) {
        if (!settings.archivePurged()) {
            return 0;
        }
        Instant wanted = start.minus(Duration.ofDays(settings.archiveDays()));
        Optional<Instant> before = archive.purgeableBefore(wanted);
        if (before.isEmpty()) {
            LOG.info("retention: the compliance archive is not purged: a scheduled export has not written its first interval yet");
            return 0;
        }
        if (before.get().isBefore(wanted)) {
            LOG.info(() -> "retention: the compliance archive is purged up to " + before.get() + " only, where the scheduled export is");
        }
        return drain(() -> archive.purgeBatch(before.get(), held.roomUris(), held.users(), settings.batch(), settings.archiveDays(), node),
                "events removed from the compliance archive");
    }

    /**
     * Runs batches until one comes back short; every {@link #PROGRESS_EVERY} rows it logs how far
     * it is and extends the lease (if this node holds it), so a long purge keeps its turn.
     */
    private long drain(IntSupplier nextBatch, String what) {
        long removed = 0;
        long logged = 0;
        int batch;
        do {
            batch = nextBatch.getAsInt();
            removed += batch;
            if (removed - logged >= PROGRESS_EVERY) {
                logged = removed;
                long sofar = removed;
                LOG.info(() -> "retention: " + sofar + " " + what + " so far");
                lease.extend(node, clock.instant().plus(LEASE));
            }
        } while (batch == settings.batch());
        return removed;
    }
}
