package org.groupchat.lookup;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The channel-server registry table; the only place that knows its queries. A singleton so that
 * the registry can depend on it and still reach it while shutting down.
 */
@Singleton
@Lock(LockType.READ)
public class ChannelServerRepository {

    @PersistenceContext(unitName = "chat")
    private EntityManager entityManager;

    public Optional<ChannelServer> find(String uri) {
        return Optional.ofNullable(entityManager.find(ChannelServer.class, uri));
    }

    public void add(ChannelServer server) {
        entityManager.persist(server);
    }

    /** Servers whose last heartbeat is after {@code freshSince}, in a stable order (by URI). */
    public List<ChannelServer> alive(Instant freshSince) {
        return entityManager.createQuery(
                        "select s from ChannelServer s where s.lastHeartbeat > :freshSince order by s.uri",
                        ChannelServer.class)
                .setParameter("freshSince", freshSince)
                .getResultList();
    }

    public List<ChannelServer> all() {
        return entityManager.createQuery("select s from ChannelServer s order by s.uri", ChannelServer.class)
                .getResultList();
    }
}
