package org.groupchat.sip.channel;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.Supplier;
import org.groupchat.channel.PostedMessage;
import org.groupchat.channel.RoomDelivery;

/** Posts from outside a dialog take the room's lock like SIP posts, so every participant sees one order. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // the post commits before anyone hears of it
public class OrderedRoomDelivery implements RoomDelivery {

    /** No dialog posted it: everyone online in the room receives it, the poster's own clients too. */
    private static final String NO_DIALOG = "";

    @EJB
    private OnlineParticipants online;

    @EJB
    private MessageFanout fanout;

    @Override
    public PostedMessage postAndDeliver(String roomUri, Supplier<PostedMessage> post) {
        synchronized (online.lockOf(roomUri)) {
            PostedMessage message = post.get();
            fanout.deliver(message, NO_DIALOG);
            return message;
        }
    }
}
