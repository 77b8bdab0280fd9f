package org.groupchat.sip.channel;

import org.groupchat.sip.SipDialog;

/**
 * One endpoint of a user in a room: the user and the dialog its client keeps with this server. A
 * user with several clients is several participants.
 */
public record Participant(String user, SipDialog dialog) {

    public String dialogId() {
        return dialog.id();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Participant p && p.dialogId().equals(dialogId());
    }

    @Override
    public int hashCode() {
        return dialogId().hashCode();
    }
}
