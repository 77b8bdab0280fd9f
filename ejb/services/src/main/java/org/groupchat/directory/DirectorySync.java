package org.groupchat.directory;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.GroupAdministration.DirectoryChanges;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.config.GroupchatSettings.DirectorySettings;

/**
 * Reads the directory every {@code groupchat.directory.refresh-seconds} (and when an
 * administrator asks) and applies its groups; keeps its users for the compliance archive's names
 * and addresses. Every node of a pool reads it; one at a time applies, and finds nothing left to
 * change after another did. A directory that cannot be read leaves everything as the last
 * reading made it, and says so in the log and the status.
 */
@Singleton
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DirectorySync {

    private static final Logger LOG = Logger.getLogger(DirectorySync.class.getName());

    @EJB
    private DirectoryGroups groups;

    @Resource
    private TimerService timers;

    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock refreshing = new ReentrantLock();
    private DirectorySettings settings;
    private volatile Map<String, DirectoryUser> users = Map.of();
    private volatile DirectoryStatus status;

    @PostConstruct
    void start() {
        settings = GroupchatSettings.current().directory();
        status = DirectoryStatus.none(settings);
        if (!settings.enabled()) {
            LOG.info("directory: none (groupchat.directory.url is not set): groups are the administrators' own");
            return;
        }
        long every = settings.refreshEvery().toMillis();
        timers.createIntervalTimer(Duration.ofSeconds(5).toMillis(), every, new TimerConfig("directory", false));
        LOG.info(() -> "directory: " + settings.url() + ", users under " + settings.userBase() + " " + settings.userFilter()
                + ", groups under " + settings.groupBase() + " " + settings.groupFilter() + ", read every "
                + settings.refreshEvery().toSeconds() + " s");
    }

    @Timeout
    void due() {
        try {
            refresh();
        } catch (ChannelRefusal e) {
            // logged where it happened
        }
    }

    /** Reads the directory now and applies it; refused when there is none, or it cannot be read. */
    public DirectoryStatus refresh() {
        if (!settings.enabled()) {
            throw ChannelRefusal.notFound("No directory is configured (groupchat.directory.url)");
        }
        refreshing.lock(); // one reading at a time on a node: a timer's and an administrator's share nothing
        try {
            Instant started = clock.instant();
            DirectorySnapshot snapshot;
            DirectoryChanges changes;
            try {
                snapshot = new DirectoryReader(settings).read();
                changes = groups.apply(snapshot);
            } catch (Exception e) {
                String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                status = status.failed(clock.instant(), reason);
                LOG.log(Level.WARNING, "directory: " + settings.url() + " could not be read or applied; groups stay as they were", e);
                throw ChannelRefusal.conflict("The directory could not be read or applied: " + reason);
            }
            users = Map.copyOf(snapshot.users());
            long millis = Duration.between(started, clock.instant()).toMillis();
            status = status.refreshed(clock.instant(), millis, snapshot.users().size(), changes);
            LOG.info(() -> "directory: read in " + millis + " ms: " + snapshot.users().size() + " users, " + changes.groups() + " groups; "
                    + changes.created() + " created, " + changes.changed() + " changed, " + changes.emptied() + " emptied"
                    + (changes.conflicts().isEmpty() ? "" : "; left out, a group here has the name: " + changes.conflicts()));
            return status;
        } finally {
            refreshing.unlock();
        }
    }

    /** The user as the directory's last reading knew it. */
    public Optional<DirectoryUser> user(String uri) {
        return Optional.ofNullable(users.get(uri));
    }

    public DirectoryStatus status() {
        return status;
    }
}
