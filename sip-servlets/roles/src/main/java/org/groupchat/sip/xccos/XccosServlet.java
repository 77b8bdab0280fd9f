package org.groupchat.sip.xccos;

import java.util.Optional;
import java.util.logging.Logger;
import org.groupchat.sip.SipDialog;
import org.groupchat.sip.SipRequest;
import org.groupchat.sip.SipServlet;
import org.groupchat.xccos.XccosCode;
import org.groupchat.xccos.XccosEnvelope;
import org.groupchat.xccos.XccosItem;
import org.groupchat.xccos.XccosParseException;
import org.groupchat.xccos.XccosParser;

/**
 * The call flow every XCCOS role shares (protocol notes, section 1): accept the INVITE with an
 * SDP answer of the client's {@code m=message} shape, then take each INFO's XCCOS envelope,
 * answer the INFO with a bodiless 200 at once and send each command's reply as an INFO of our own.
 * A body that is not acceptable XCCOS, or one with more than {@link #MAX_COMMANDS_PER_INFO} items, is
 * answered 400 with the reason; nothing else happens.
 */
public abstract class XccosServlet extends SipServlet {

    /**
     * The SIP adapter inside this EAR, for {@code @ResourceAdapter} on each role; the EAR's file
     * name is pinned in ear/pom.xml.
     */
    public static final String SIP_ADAPTER = "groupchat.ear#sip-ra.rar";

    private static final Logger LOG = Logger.getLogger(XccosServlet.class.getName());
    private static final XccosParser PARSER = new XccosParser();
    /**
     * Commands one INFO may carry. Clients send one (bjoin names many rooms in one); without a
     * limit one 60 KB INFO of 500 history requests made the server write 200 MB of replies.
     */
    public static final int MAX_COMMANDS_PER_INFO = 8;

    /** The role's name in log lines. */
    protected abstract String roleName();

    /** Handles one command of an envelope; the INFO that carried it has been answered 200. */
    protected abstract void onCommand(XccosExchange exchange, XccosItem command);

    @Override
    protected void doInvite(SipRequest request) {
        LOG.info(() -> roleName() + ": session from " + request.from() + " (" + request.transport() + " "
                + request.remoteAddress() + ")");
        request.createResponse(200)
                .header("Supported", "ms-sender")
                .content("application/sdp", SessionDescription.answer(request))
                .send();
    }

    @Override
    protected void doInfo(SipRequest request) {
        Optional<SipDialog> session = request.dialog();
        if (session.isEmpty()) { // no To-tag: XCCOS is spoken in a session the client INVITEd
            LOG.info(() -> roleName() + ": 481 to INFO from " + request.from() + " outside a session");
            request.createResponse(481).reason("No session: INVITE this URI first, then send XCCOS in that dialog").send();
            return;
        }
        SipDialog dialog = session.get();
        XccosEnvelope envelope;
        try {
            envelope = PARSER.parse(request.content());
        } catch (XccosParseException e) {
            LOG.info(() -> roleName() + ": 400 to INFO from " + request.from() + ": " + e.getMessage());
            request.createResponse(400).reason("Bad XCCOS request: " + e.getMessage()).send();
            return;
        }
        if (envelope.items().size() > MAX_COMMANDS_PER_INFO) {
            LOG.info(() -> roleName() + ": 400 to INFO from " + request.from() + ": " + envelope.items().size() + " commands");
            request.createResponse(400).reason("Too many commands in one INFO (" + envelope.items().size() + "); send at most "
                    + MAX_COMMANDS_PER_INFO).send();
            return;
        }
        Optional<XccosItem> chat = envelope.items().stream().filter(item -> item.kind() == XccosItem.Kind.GRPCHAT).findFirst();
        if (chat.isPresent()) {
            onChat(request, dialog, chat.get()); // a post is acknowledged by the SIP answer alone
            return;
        }
        request.createResponse(200).send();
        for (XccosItem item : envelope.items()) {
            XccosExchange exchange = new XccosExchange(dialog, envelope.envid(), item);
            if (item.kind() == XccosItem.Kind.CMD) {
                onCommand(exchange, item);
            } else {
                onOtherItem(exchange, item);
            }
        }
    }

    /**
     * A chat message posted by the client. The role answers the INFO itself: 200 once the message
     * is stored, or an error status whose reason phrase says why it was not.
     */
    protected void onChat(SipRequest request, SipDialog dialog, XccosItem chat) {
        LOG.info(() -> roleName() + ": 403 to a chat message from " + request.from() + ": not a chat room service");
        request.createResponse(403).reason("The " + roleName() + " service takes no chat messages").send();
    }

    /** A {@code rpl} or {@code ntc} from the client: not expected by default. */
    protected void onOtherItem(XccosExchange exchange, XccosItem item) {
        LOG.info(() -> roleName() + ": ignored <" + item.kind().elementName() + " id=\"" + item.id() + "\"> from "
                + exchange.sender());
    }

    /** The answer to a command this role does not know. */
    protected final void unknownCommand(XccosExchange exchange, XccosItem command) {
        LOG.info(() -> roleName() + ": unknown command " + command.id() + " from " + exchange.sender());
        exchange.reply(XccosCode.BAD_REQUEST, "The " + roleName() + " service does not know the command " + command.id());
    }
}
