package org.groupchat.retention;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.config.GroupchatSettings.RetentionSettings;

/**
 * Runs the retention job every {@code groupchat.retention.check-seconds}. Every node of a pool
 * has this timer; the lease lets one of them run each time. An administrator may also run it at
 * once ({@code POST /api/admin/retention/run}).
 */
@Singleton
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ScheduledRetention {

    private static final Logger LOG = Logger.getLogger(ScheduledRetention.class.getName());

    @EJB
    private Retention retention;

    @Resource
    private TimerService timers;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        RetentionSettings settings = GroupchatSettings.current().retention();
        // a node checks a little more often than the job is due, so that a run is late by little
        long every = Math.max(Duration.ofSeconds(5).toMillis(), settings.checkEvery().toMillis() / 4);
        timers.createIntervalTimer(every, every, new TimerConfig("retention", false));
        LOG.info(() -> "retention: the job runs every " + settings.checkEvery().toSeconds() + " s on one node, in batches of "
                + settings.batch() + "; the compliance archive keeps events "
                + (settings.archivePurged() ? settings.archiveDays() + " days" : "for ever"));
    }

    @Timeout
    void due() {
        try {
            runNow(true);
        } catch (EJBException e) {
            LOG.log(Level.SEVERE, "retention: the run failed; what it removed so far stays removed, the rest is tried again at the next run",
                    e.getCause() == null ? e : e.getCause());
        }
    }

    /** A run on this node, unless one is going on here or on another node; a failure is the caller's to report. */
    public RetentionSummary runNow(boolean scheduled) {
        if (!running.compareAndSet(false, true)) {
            return new RetentionSummary(false, 0, 0, 0, 0);
        }
        try {
            return retention.run(scheduled);
        } finally {
            running.set(false);
        }
    }
}
