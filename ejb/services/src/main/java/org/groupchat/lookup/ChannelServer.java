package org.groupchat.lookup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A channel server of the pool: one per node, alive while its heartbeat is fresh. */
@Entity
@Table(name = "channel_server")
public class ChannelServer {

    @Id
    @Column(length = 255)
    private String uri;

    @Column(name = "node_name", nullable = false, length = 255)
    private String nodeName;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    /** Null once the node has shut down cleanly. */
    @Column(name = "last_heartbeat")
    private Instant lastHeartbeat;

    protected ChannelServer() {
        // for JPA
    }

    ChannelServer(String uri, String nodeName, Instant now) {
        this.uri = uri;
        this.nodeName = nodeName;
        this.startedAt = now;
        this.lastHeartbeat = now;
    }

    public String getUri() {
        return uri;
    }

    public String getNodeName() {
        return nodeName;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getLastHeartbeat() {
        return lastHeartbeat;
    }

    void restart(String node, Instant now) {
        this.nodeName = node;
        this.startedAt = now;
        this.lastHeartbeat = now;
    }

    void beat(Instant now) {
        this.lastHeartbeat = now;
    }

    void stop() {
        this.lastHeartbeat = null;
    }
}
