package org.groupchat.sip.xccos;

import org.groupchat.sip.SipDialog;
import org.groupchat.sip.SipUri;
import org.groupchat.xccos.XccosCode;
import org.groupchat.xccos.XccosItem;
import org.groupchat.xccos.XmlElement;

/**
 * One command being answered: who sent it, over which dialog, in which envelope, and the means
 * to reply in that dialog.
 */
public final class XccosExchange {

    private final SipDialog dialog;
    private final long requestEnvid;
    private final XccosItem command;

    XccosExchange(SipDialog dialog, long requestEnvid, XccosItem command) {
        this.dialog = dialog;
        this.requestEnvid = requestEnvid;
        this.command = command;
    }

    /** Who sent it: the dialog's remote party, as the SIP front end asserted it when the dialog began. */
    public SipUri sender() {
        return dialog.remoteParty();
    }

    public SipDialog dialog() {
        return dialog;
    }

    public XccosItem command() {
        return command;
    }

    /** Sends the reply to this command: data on success, or an error code with the reason the user sees. */
    public void reply(XccosCode code, String reason, XmlElement... data) {
        dialog.sendInfo(XccosSender.CONTENT_TYPE,
                XccosSender.writer().reply(XccosSender.nextEnvid(dialog), requestEnvid, command, code, reason, data));
    }

    public void replySuccess(XmlElement... data) {
        reply(XccosCode.SUCCESS_OK, null, data);
    }
}
