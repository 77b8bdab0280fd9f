package org.groupchat.compliance;

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
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.groupchat.compliance.ComplianceExportRun.Interval;
import org.groupchat.compliance.adapter.ComplianceAdapter;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.config.GroupchatSettings.ComplianceExportSettings;

/**
 * Runs the compliance adapters on a schedule ({@code groupchat.compliance.export.*}): each gets
 * the intervals of archive time it has not had, in order, once they are complete. Every node of a
 * pool runs it; the adapter's progress row lets one of them write each interval. An adapter that
 * fails is logged and tried again from the same interval at the next run.
 */
@Singleton
@Startup
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ScheduledComplianceExport {

    private static final Logger LOG = Logger.getLogger(ScheduledComplianceExport.class.getName());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    /** At most this many intervals per adapter and run: a long backlog is caught up over several runs. */
    private static final int MAX_INTERVALS_PER_RUN = 100;

    @Inject
    @Any
    private Instance<ComplianceAdapter> deployed;

    @EJB
    private ComplianceExportRun run;

    @Resource
    private TimerService timers;

    private ComplianceExportSettings settings;
    private final List<ComplianceAdapter> adapters = new ArrayList<>();
    /** A run that outlasts the period is not joined by the next one: that one is skipped. */
    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void start() {
        settings = GroupchatSettings.current().complianceExport();
        if (!settings.enabled()) {
            LOG.info("compliance: no scheduled export (" + GroupchatSettings.EXPORT_DIRECTORY + " is not set)");
            return;
        }
        Map<String, ComplianceAdapter> byName = new TreeMap<>();
        for (ComplianceAdapter adapter : deployed) {
            if (!NAME.matcher(adapter.name()).matches()) {
                throw new IllegalStateException("the compliance adapter " + adapter.getClass().getName() + " is named \""
                        + adapter.name() + "\": a name is 1 to 100 letters, digits, - and _");
            }
            ComplianceAdapter other = byName.putIfAbsent(adapter.name(), adapter);
            if (other != null) {
                throw new IllegalStateException("two compliance adapters are named " + adapter.name() + ": "
                        + other.getClass().getName() + " and " + adapter.getClass().getName());
            }
        }
        if (settings.adapters().isEmpty()) {
            adapters.addAll(byName.values());
        } else {
            for (String name : settings.adapters()) {
                adapters.add(Optional.ofNullable(byName.get(name)).orElseThrow(() -> new IllegalStateException(
                        GroupchatSettings.EXPORT_ADAPTERS + " names " + name + ", but no compliance adapter of that name is deployed;"
                                + " deployed: " + String.join(", ", byName.keySet()))));
            }
        }
        for (ComplianceAdapter adapter : adapters) {
            try {
                Files.createDirectories(ComplianceExportRun.directoryOf(adapter, settings));
            } catch (IOException e) {
                throw new IllegalStateException("the compliance export directory "
                        + ComplianceExportRun.directoryOf(adapter, settings) + " could not be made: " + e, e);
            }
        }
        // the runs come often enough that an interval is written soon after it is due
        long every = Math.min(settings.interval().toMillis(), Duration.ofMinutes(1).toMillis());
        timers.createIntervalTimer(every, every, new TimerConfig("compliance export", false));
        LOG.info(() -> "compliance: adapters " + adapters.stream().map(ComplianceAdapter::name).toList() + " export to "
                + settings.directory() + " every " + settings.interval().toSeconds() + " s of archive time, "
                + settings.delay().toSeconds() + " s after each interval ends");
    }

    @Timeout
    void exportDue() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (ComplianceAdapter adapter : adapters) {
                exportDue(adapter);
            }
        } finally {
            running.set(false);
        }
    }

    private void exportDue(ComplianceAdapter adapter) {
        try {
            run.startProgress(adapter.name());
        } catch (EJBException e) {
            LOG.fine(() -> "compliance export: " + adapter.name() + "'s progress was started by another node: " + e);
        }
        try {
            for (int i = 0; i < MAX_INTERVALS_PER_RUN; i++) {
                Optional<Interval> written = run.exportNext(adapter, settings);
                if (written.isEmpty()) {
                    return;
                }
                LOG.info(() -> "compliance export: " + adapter.name() + " wrote the events archived from " + written.get().from()
                        + " to " + written.get().to());
            }
        } catch (EJBException e) {
            LOG.log(Level.SEVERE, "compliance export: " + adapter.name() + " failed; its next interval is tried again at the next run ("
                    + settings.directory() + ")", e.getCause() == null ? e : e.getCause());
        }
    }
}
