package org.groupchat.channel;

import jakarta.ejb.Local;
import java.util.function.Supplier;

/**
 * Posts into a room from outside a SIP dialog (a file shared over HTTPS) in the room's order:
 * the post runs under the room's lock, and the stored message then goes to every online
 * participant, as a message posted over SIP does. Implemented by the channel's SIP side, which
 * knows who is online.
 */
@Local
public interface RoomDelivery {

    /** @param post stores the message and commits (a call on a transactional bean) */
    PostedMessage postAndDeliver(String roomUri, Supplier<PostedMessage> post);
}
