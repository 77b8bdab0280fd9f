package org.groupchat.sip.channel;

import org.groupchat.channel.PostedMessage;

/**
 * Hands a stored message to every online participant of its room. Called in the room's order
 * (under the room's lock), and must keep it. Today every participant is on this node; with
 * several nodes an implementation also publishes to the others.
 */
public interface MessageFanout {

    /** Delivers to everyone in the room but the dialog that posted it (its client shows it already). */
    void deliver(PostedMessage message, String postingDialogId);
}
