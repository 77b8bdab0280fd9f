package org.groupchat.sip.channel;

import org.groupchat.channel.PostedMessage;
import org.groupchat.xccos.XmlElement;

/**
 * Hands what happens in a room to every online participant of it: stored messages, and the join
 * and part notices, on this node and the others. Messages are delivered in the room's order
 * (the caller holds the room's lock) and that order must be kept on every node.
 */
public interface MessageFanout {

    /** Delivers to everyone in the room but the dialog that posted it (its client shows it already). */
    void deliver(PostedMessage message, String postingDialogId);

    /** Pushes a notice ({@code ntc:join}, {@code ntc:part}) to everyone in the room but the dialog it is about. */
    void announce(String roomUri, XmlElement notice, String exceptDialogId);
}
