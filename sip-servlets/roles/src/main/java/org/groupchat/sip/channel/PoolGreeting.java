package org.groupchat.sip.channel;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * Tells the pool this node is up once it is in the registry. Without it the other nodes saw it at
 * their next heartbeat (up to {@code groupchat.registry.heartbeat-seconds} later) and until then
 * told it nothing, while the lookup already handed it clients: a part or a join on another node
 * never reached them (ClusterIT in CI: a participant waited in vain for one who had left).
 */
@Singleton
@Startup
@DependsOn("groupchat-ejb.jar#ChannelServerRegistry")
public class PoolGreeting {

    @EJB
    private ClusterTopic topic;

    @PostConstruct
    void greet() {
        topic.nodeUp();
    }
}
