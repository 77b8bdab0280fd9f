package org.groupchat.lookup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.groupchat.config.GroupchatSettings;

/**
 * This node's entry in the channel-server registry that every node's lookup reads: registered when
 * the application starts, kept fresh by a heartbeat, marked stopped when it shuts down cleanly.
 * A node that dies stops beating and drops out once its heartbeat is older than the stale limit.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrations", "ChannelServerRepository"})
@Lock(LockType.READ) // the registry's state is in the database; readers need not wait for each other
public class ChannelServerRegistry {

    private static final Logger LOG = Logger.getLogger(ChannelServerRegistry.class.getName());

    @EJB
    private ChannelServerRepository repository;

    @Resource
    private TimerService timers;

    private final Clock clock = Clock.systemUTC();
    private GroupchatSettings settings;
    /** Whether another channel server was alive at the last heartbeat (read on every post). */
    private volatile boolean othersAlive = true;
    /** When another node last said through the pool that it had come up. */
    private volatile Instant otherNodeCameUpAt = Instant.EPOCH;

    @PostConstruct
    void register() {
        settings = GroupchatSettings.current();
        Instant now = clock.instant();
        repository.find(settings.channelServerUri()).ifPresentOrElse(
                server -> server.restart(settings.nodeName(), now),
                () -> repository.add(new ChannelServer(settings.channelServerUri(), settings.nodeName(), now)));
        long interval = settings.heartbeatInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("channel-server heartbeat", false));
        othersAlive = othersIn(alive());
        LOG.info(() -> "channel server " + settings.channelServerUri() + " registered for node " + settings.nodeName()
                + " (heartbeat every " + settings.heartbeatInterval().toSeconds() + " s)");
    }

    @Timeout
    void heartbeat() {
        Instant now = clock.instant();
        repository.find(settings.channelServerUri()).ifPresentOrElse(
                server -> server.beat(now),
                () -> repository.add(new ChannelServer(settings.channelServerUri(), settings.nodeName(), now)));
        // A node that said it came up counts until its first heartbeat is due to be seen: this
        // heartbeat's read of the registry may have been taken just before it registered.
        boolean others = othersIn(alive()) || now.isBefore(otherNodeCameUpAt.plus(settings.staleAfter()));
        if (others != othersAlive) {
            LOG.info(() -> others ? "channel server: other nodes are alive; what happens here is published to them"
                    : "channel server: no other node is alive; nothing is published to the pool");
        }
        othersAlive = others;
    }

    /**
     * Another node has registered and said so through the pool: publish to it from now on, not from
     * the next heartbeat, up to {@code groupchat.registry.heartbeat-seconds} later, while the lookup
     * already hands it out and its participants would miss what happens here.
     */
    public void otherNodeCameUp(String node) {
        otherNodeCameUpAt = clock.instant();
        if (!othersAlive) {
            othersAlive = true;
            LOG.info(() -> "channel server: node " + node + " came up; what happens here is published to the pool");
        }
    }

    /**
     * Whether another node was alive at the last heartbeat, or has since said it came up
     * ({@link #otherNodeCameUp}): when none is, there is nobody to tell what happens here.
     */
    public boolean othersAlive() {
        return othersAlive;
    }

    private boolean othersIn(List<ChannelServer> alive) {
        return alive.stream().anyMatch(server -> !server.getUri().equals(settings.channelServerUri()));
    }

    @PreDestroy
    void unregister() {
        repository.find(settings.channelServerUri()).ifPresent(ChannelServer::stop);
        LOG.info(() -> "channel server " + settings.channelServerUri() + " stopped");
    }

    /** The servers whose heartbeat is fresh now, ordered by URI. */
    public List<ChannelServer> alive() {
        return repository.alive(clock.instant().minus(settings.staleAfter()));
    }

    public List<ChannelServer> all() {
        return repository.all();
    }

    public GroupchatSettings settings() {
        return settings;
    }
}
