package org.groupchat.lookup;

import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import java.util.Optional;

/** Chooses the channel server for a client that asks the lookup: the live ones, round-robin. */
@Singleton
@Lock(LockType.READ)
public class ChannelServerPicker {

    private final RoundRobin roundRobin = new RoundRobin();

    @EJB
    private ChannelServerRegistry registry;

    /** The URI of the next live channel server, or empty when none is alive. */
    public Optional<String> next() {
        return roundRobin.next(registry.alive()).map(ChannelServer::getUri);
    }
}
