package org.groupchat.sip.xccos;

import java.util.concurrent.atomic.AtomicLong;
import org.groupchat.sip.SipDialog;
import org.groupchat.sip.SipUri;
import org.groupchat.xccos.XccosCode;
import org.groupchat.xccos.XccosItem;
import org.groupchat.xccos.XccosWriter;
import org.groupchat.xccos.XmlElement;

/**
 * One command being answered: who sent it, in which envelope, and the means to reply in the same
 * dialog. The server's own envelope counter lives with the dialog.
 */
public final class XccosExchange {

    static final String CONTENT_TYPE = "text/plain";
    private static final String ENVELOPE_COUNTER = "xccos.envid";
    private static final XccosWriter WRITER = new XccosWriter();

    private final SipDialog dialog;
    private final SipUri sender;
    private final long requestEnvid;
    private final XccosItem command;

    XccosExchange(SipDialog dialog, SipUri sender, long requestEnvid, XccosItem command) {
        this.dialog = dialog;
        this.sender = sender;
        this.requestEnvid = requestEnvid;
        this.command = command;
    }

    public SipUri sender() {
        return sender;
    }

    /** Sends the reply to this command: data on success, or an error code with the reason the user sees. */
    public void reply(XccosCode code, String reason, XmlElement... data) {
        dialog.sendInfo(CONTENT_TYPE, WRITER.reply(nextEnvid(), requestEnvid, command, code, reason, data));
    }

    public void replySuccess(XmlElement... data) {
        reply(XccosCode.SUCCESS_OK, null, data);
    }

    private long nextEnvid() {
        AtomicLong counter = dialog.attribute(ENVELOPE_COUNTER, AtomicLong.class).orElseGet(() -> {
            AtomicLong first = new AtomicLong();
            dialog.setAttribute(ENVELOPE_COUNTER, first);
            return first;
        });
        return counter.incrementAndGet();
    }
}
