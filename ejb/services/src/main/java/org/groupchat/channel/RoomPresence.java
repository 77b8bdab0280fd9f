package org.groupchat.channel;

import jakarta.ejb.Local;

/**
 * Who is in a room right now, as the administration needs it: a disabled room is emptied, an
 * invited user who is connected hears of the invitation at once.
 * Implemented by the channel's SIP side, which holds the participants' dialogs.
 */
@Local
public interface RoomPresence {

    /**
     * Takes every online participant out of the room: each gets {@code ntc:part} for it, and each
     * part is recorded for compliance with the reason.
     *
     * @return how many participants were taken out
     */
    int removeEveryone(String roomUri, String reason);

    /**
     * Takes out of the room, on every node, the online participants who may no longer be in it
     * (their membership, the room's privacy or a category wall changed): each gets {@code ntc:part}
     * for it, the others in the room see them leave, and each part is recorded with the reason.
     * With {@code roomUri} null, every room with someone online is checked (a group or a
     * category changed).
     *
     * @return how many were taken out on this node (the other nodes do theirs as they hear of it)
     */
    int removeThoseNoLongerAllowed(String roomUri, String reason);

    /** Pushes the invitation ({@code ntc:inv}) to every channel session the user has open, if any. */
    void invited(String user, PendingInvitation invitation);
}
