package org.groupchat.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.groupchat.compliance.DeadLetterWatch;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.lookup.ChannelServer;
import org.groupchat.lookup.ChannelServerRegistry;

/**
 * What an operator (or a load balancer's health check) asks first: is this node up, which SIP URIs
 * does it answer, which channel servers does the pool's registry hold, and whether this node tells
 * the others what happens here (it does once it knows another is alive), and how many messages of
 * compliance events wait in the dead-letter queue (-1: not known yet, or no such queue).
 */
@RequestScoped
@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    @EJB
    private ChannelServerRegistry registry;

    @EJB
    private DeadLetterWatch deadLetters;

    @GET
    public NodeStatus status() {
        GroupchatSettings settings = registry.settings();
        List<String> alive = registry.alive().stream().map(ChannelServer::getUri).toList();
        List<ChannelServerStatus> servers = registry.all().stream()
                .map(server -> new ChannelServerStatus(server.getUri(), server.getNodeName(), server.getStartedAt(),
                        server.getLastHeartbeat(), alive.contains(server.getUri())))
                .toList();
        return new NodeStatus(settings.nodeName(), settings.domain(), settings.lookupUri(), settings.channelServerUri(),
                settings.sipBindAddress() + ":" + settings.sipPort(), List.copyOf(settings.sipTransports()), servers,
                registry.othersAlive(), deadLetters.waiting());
    }

    public record NodeStatus(String node, String domain, String lookupUri, String channelServerUri, String sipAddress,
                             List<String> sipTransports, List<ChannelServerStatus> channelServers,
                             boolean publishingToPool, int complianceDeadLetters) {
    }

    public record ChannelServerStatus(String uri, String node, Instant startedAt, Instant lastHeartbeat, boolean alive) {
    }
}
