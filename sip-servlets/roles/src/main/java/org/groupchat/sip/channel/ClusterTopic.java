package org.groupchat.sip.channel;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Topic;
import java.util.logging.Logger;
import org.groupchat.channel.PostedMessage;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.lookup.ChannelServerRegistry;
import org.groupchat.xccos.XccosWriter;
import org.groupchat.xccos.XmlElement;

/**
 * Tells the other nodes what their participants must hear: through the JMS topic
 * {@code groupchat.fanout}, which Artemis' cluster carries to every node (each node's
 * {@link ClusterTopicListener} hands it to its own participants). Sent after the change has
 * committed; a message that is lost here is still in the history, and the next one of its room
 * brings it along ({@link LocalDelivery}). A node alone in the registry publishes nothing: on one
 * node a post reaches its participants without a broker hop.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterTopic {

    /** Which node sent it: a node ignores its own. */
    static final String ORIGIN = "origin";
    static final String KIND = "kind";

    enum Kind { MESSAGE, ROOM_NOTICE, USER_NOTICE, EMPTY_ROOM, RECHECK_ROOM, NODE_UP }

    /** The subject of a RECHECK_ROOM that names no room: every room is checked. */
    static final String EVERY_ROOM = "*";

    private static final Logger LOG = Logger.getLogger(ClusterTopic.class.getName());
    private static final XccosWriter WRITER = new XccosWriter();

    /**
     * WildFly's pooled factory: a context per send costs a pooled session, not a new connection.
     * The callers run outside transactions, so each send stands alone.
     */
    @Resource(lookup = "java:/JmsXA")
    private ConnectionFactory connections;

    @Resource(lookup = "java:/jms/topic/groupchat/fanout")
    private Topic topic;

    private String node;

    @EJB
    private ChannelServerRegistry registry;

    @PostConstruct
    void readSettings() {
        node = GroupchatSettings.current().nodeName();
    }

    public void message(PostedMessage message) {
        publish(Kind.MESSAGE, message.roomUri(), jms -> {
            MapMessage map = jms.createMapMessage();
            map.setLong("sequence", message.sequence());
            map.setString("author", message.author());
            map.setString("postedAt", message.postedAt().toString());
            map.setString("text", message.text());
            map.setString("storyTitle", message.storyTitle());
            map.setBoolean("alert", message.alert());
            return map;
        });
    }

    /** A notice for everyone in the room (on the other nodes there is no dialog to leave out). */
    public void roomNotice(String roomUri, XmlElement notice) {
        publish(Kind.ROOM_NOTICE, roomUri, jms -> element(jms, notice));
    }

    public void userNotice(String user, XmlElement notice) {
        publish(Kind.USER_NOTICE, user, jms -> element(jms, notice));
    }

    public void emptyRoom(String roomUri, String reason) {
        publish(Kind.EMPTY_ROOM, roomUri, jms -> {
            MapMessage map = jms.createMapMessage();
            map.setString("reason", reason);
            return map;
        });
    }

    /** The other nodes take out of the room (every room: null) whoever may no longer be in it. */
    public void recheckRoom(String roomUri, String reason) {
        publish(Kind.RECHECK_ROOM, roomUri == null ? EVERY_ROOM : roomUri, jms -> {
            MapMessage map = jms.createMapMessage();
            map.setString("reason", reason);
            return map;
        });
    }

    /**
     * This node has registered: the others publish to it from now on ({@link PoolGreeting}). Sent
     * whether or not another node is known to be alive, since they may not have been seen yet.
     */
    public void nodeUp() {
        send(Kind.NODE_UP, node, JMSContext::createMapMessage);
    }

    private static MapMessage element(JMSContext jms, XmlElement element) throws JMSException {
        MapMessage map = jms.createMapMessage();
        map.setString("xccos", WRITER.envelope(0, element));
        return map;
    }

    @FunctionalInterface
    private interface Body {
        MapMessage create(JMSContext jms) throws JMSException;
    }

    /** @param subject the room's URI, or the user's for a user notice */
    private void publish(Kind kind, String subject, Body body) {
        if (registry.othersAlive()) {
            send(kind, subject, body);
        } // else a node alone: its own participants have heard it already
    }

    private void send(Kind kind, String subject, Body body) {
        try (JMSContext jms = connections.createContext()) {
            MapMessage message = body.create(jms);
            message.setString("subject", subject);
            message.setStringProperty(ORIGIN, node);
            message.setStringProperty(KIND, kind.name());
            // Not persistent: the history is the record, and a node that missed a message catches up
            // from it; a journal write per post would only slow posting down.
            jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).send(topic, message);
        } catch (JMSException | JMSRuntimeException e) {
            LOG.warning("cluster: the other nodes were not told of " + kind + " for " + subject + " (" + e
                    + "); their participants find it in the history");
        }
    }
}
