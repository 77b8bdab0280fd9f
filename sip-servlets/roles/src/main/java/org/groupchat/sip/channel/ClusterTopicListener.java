package org.groupchat.sip.channel;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.groupchat.channel.PostedMessage;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.lookup.ChannelServerRegistry;
import org.groupchat.xccos.XccosParseException;
import org.groupchat.xccos.XccosParser;
import org.groupchat.xccos.XmlElement;

/**
 * What another node's participants did, for this node's participants: the other end of
 * {@link ClusterTopic}. Messages are delivered in their room's order ({@link LocalDelivery}).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/groupchat/fanout"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // live delivery: nothing to redeliver
public class ClusterTopicListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ClusterTopicListener.class.getName());
    private static final XccosParser PARSER = new XccosParser();

    @EJB
    private LocalDelivery local;

    @EJB
    private RoomOrder roomOrder;

    @EJB
    private OnlineRoomPresence presence;

    @EJB
    private ChannelServerRegistry registry;

    private String node;

    @PostConstruct
    void readSettings() {
        node = GroupchatSettings.current().nodeName();
    }

    @Override
    public void onMessage(Message message) {
        try {
            if (node.equals(message.getStringProperty(ClusterTopic.ORIGIN))) {
                return; // this node's own: its participants have it
            }
            if (!(message instanceof MapMessage map)) {
                LOG.warning("cluster: ignored a " + message.getClass().getSimpleName() + " on the fan-out topic (not from a groupchat node)");
                return;
            }
            String subject = map.getString("subject");
            switch (ClusterTopic.Kind.valueOf(map.getStringProperty(ClusterTopic.KIND))) {
                case MESSAGE -> roomOrder.deliverFromAnotherNode(new PostedMessage(subject, map.getLong("sequence"),
                        map.getString("author"), Instant.parse(map.getString("postedAt")), map.getString("text"),
                        map.getString("storyTitle"), map.getBoolean("alert")));
                case ROOM_NOTICE -> local.notice(subject, element(map), "");
                case USER_NOTICE -> local.toUser(subject, element(map));
                case EMPTY_ROOM -> presence.removeEveryoneHere(subject, map.getString("reason"));
                case RECHECK_ROOM -> presence.removeThoseNoLongerAllowedHere(
                        ClusterTopic.EVERY_ROOM.equals(subject) ? null : subject, map.getString("reason"));
                case NODE_UP -> registry.otherNodeCameUp(subject);
            }
        } catch (JMSException | RuntimeException | XccosParseException e) {
            LOG.log(Level.WARNING, "cluster: a message from another node could not be handed out", e);
        }
    }

    private static XmlElement element(MapMessage map) throws JMSException, XccosParseException {
        return PARSER.parse(map.getString("xccos")).items().get(0).element();
    }
}
