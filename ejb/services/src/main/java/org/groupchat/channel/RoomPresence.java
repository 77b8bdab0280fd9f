package org.groupchat.channel;

import jakarta.ejb.Local;

/**
 * Who is in a room right now, as the administration needs it: a disabled room is emptied.
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
}
