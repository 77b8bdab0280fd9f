package org.groupchat.sip.channel;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.groupchat.channel.ChannelRefusal;
import org.groupchat.channel.ChannelService;
import org.groupchat.channel.ChatPost;
import org.groupchat.channel.JoinedRoom;
import org.groupchat.channel.MemberRole;
import org.groupchat.channel.RoomPost;
import org.groupchat.channel.RoomUri;
import org.groupchat.channel.StoredPreference;
import org.groupchat.files.FileDirection;
import org.groupchat.files.FileTokens;
import org.groupchat.files.FileTokens.IssuedToken;
import org.groupchat.sip.SipDialog;
import org.groupchat.sip.ThrottledLog;
import org.groupchat.sip.SipRequest;
import org.groupchat.sip.SipRequestListener;
import org.groupchat.sip.xccos.XccosExchange;
import org.groupchat.sip.xccos.XccosServlet;
import org.groupchat.xccos.XccosCode;
import org.groupchat.xccos.XccosItem;
import org.groupchat.xccos.XmlElement;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * The Channel service, at this node's channel-server URI: after the INVITE every exchange is an
 * INFO in the one dialog. Commands are answered with their reply; a posted message is answered
 * 200 once stored, then handed to everyone in the room. The user is the dialog's remote party,
 * as the SIP front end asserted it: never what a request body claims. It runs outside any
 * transaction (META-INF/ejb-jar.xml), so that each step has committed before it is answered.
 */
@MessageDriven(messageListenerInterface = SipRequestListener.class, activationConfig = {
        @ActivationConfigProperty(propertyName = "role", propertyValue = "channel"),
        // what marks a post, so that under load the adapter refuses posts as they arrive (onChat's checks, earlier)
        @ActivationConfigProperty(propertyName = "postMark", propertyValue = "<grpchat")})
@ResourceAdapter(XccosServlet.SIP_ADAPTER)
public class ChannelServlet extends XccosServlet {

    private static final Logger LOG = Logger.getLogger(ChannelServlet.class.getName());
    private static final int DEFAULT_HISTORY = 25;
    /**
     * Posts of one room queue for its lock, each holding a worker meanwhile; past this many the
     * room takes more than it can store, and the others' posts would wait for workers.
     */
    private static final int MAX_POSTS_WAITING_PER_ROOM = 6;
    private static final ThrottledLog BUSY_LOG = new ThrottledLog(LOG, "channel: posts refused (503, busy)");

    @EJB
    private ChannelService channels;

    @EJB
    private OnlineParticipants online;

    @EJB
    private RoomOrder roomOrder;

    @EJB
    private FileTokens fileTokens;

    @Override
    protected String roleName() {
        return "channel";
    }

    @Override
    protected void onCommand(XccosExchange exchange, XccosItem command) {
        String user = exchange.sender().toString();
        XmlElement data = command.data();
        online.connected(user, exchange.dialog());
        try {
            switch (command.id()) {
                case "cmd:getserverinfo", "cmd:getservinfo" -> exchange.replySuccess(ChannelElements.serverInfo(
                        channels.serverInfo(), data.child("sib").flatMap(s -> s.attribute("infoType")).orElse("123")));
                case "cmd:chansrch" -> search(exchange, user, data);
                case "cmd:join", "cmd:bjoin" -> join(exchange, user, data);
                case "cmd:part" -> part(exchange, user, data);
                case "cmd:bccontext" -> history(exchange, user, data);
                case "cmd:getinv" -> exchange.replySuccess(channels.invitations(user).stream()
                        .map(invitation -> ChannelElements.invitation(invitation, domainOf(exchange))).toArray(XmlElement[]::new));
                case "cmd:getpref" -> getPreference(exchange, user, data);
                case "cmd:setpref" -> setPreference(exchange, user, data);
                case "cmd:nodespermcreatechild" -> {
                    if (!channels.mayCreateRooms(user)) {
                        throw ChannelRefusal.notAllowed("Rooms are created by the administrators of this server");
                    }
                    exchange.replySuccess();
                }
                case "cmd:getfutok" -> fileToken(exchange, user, data, FileDirection.UPLOAD);
                case "cmd:getfdtok" -> fileToken(exchange, user, data, FileDirection.DOWNLOAD);
                default -> unknownCommand(exchange, command);
            }
        } catch (ChannelRefusal refusal) {
            LOG.info(() -> "channel: " + command.id() + " from " + user + " refused: " + refusal.getMessage());
            exchange.reply(codeOf(refusal), refusal.getMessage());
        }
    }

    private void search(XccosExchange exchange, String user, XmlElement data) {
        String criteria = data.child("qib").flatMap(q -> q.attribute("criteria")).orElse("");
        exchange.replySuccess(channels.search(user, criteria).stream().map(ChannelElements::searchResult).toArray(XmlElement[]::new));
    }

    /** join names one room, bjoin several; a room that cannot be joined is a {@code fib} in bjoin's reply. */
    private void join(XccosExchange exchange, String user, XmlElement data) {
        boolean batch = exchange.command().id().equals("cmd:bjoin");
        List<XmlElement> named = roomElements(data);
        if (named.isEmpty()) {
            throw ChannelRefusal.badRequest("Name the room to join with <chanid> or <chanib uri=...>");
        }
        List<JoinedRoom> joined = new ArrayList<>();
        List<XmlElement> failed = new ArrayList<>();
        for (XmlElement element : named) {
            String roomUri = roomUriOf(element, domainOf(exchange));
            try {
                joined.add(channels.join(user, roomUri));
            } catch (ChannelRefusal refusal) {
                if (!batch) {
                    throw refusal;
                }
                LOG.info(() -> "channel: " + user + " could not join " + roomUri + ": " + refusal.getMessage());
                failed.add(ChannelElements.joinFailed(element.attribute("value").orElse(roomUri), domainOf(exchange)));
            }
        }
        List<XmlElement> reply = new ArrayList<>(ChannelElements.joined(joined));
        reply.addAll(failed);
        // The reply goes first, so that the client knows the room before any message or notice of
        // it arrives; a message posted in between is in the history the client asks for next.
        exchange.replySuccess(reply.toArray(XmlElement[]::new));
        joined.forEach(room -> enter(exchange.dialog(), user, room));
    }

    private void enter(SipDialog dialog, String user, JoinedRoom room) {
        String roomUri = room.room().uri();
        if (roomOrder.enter(roomUri, room.lastSequence(), new Participant(user, dialog))) {
            LOG.info(() -> "channel: " + user + " joined " + roomUri + " (" + room.room().name() + ")");
            Set<MemberRole> roles = room.members().getOrDefault(user, Set.of());
            XmlElement notice = ChannelElements.joinNotice(user, roles, Long.toString(room.room().id()),
                    RoomUri.parse(roomUri).domain());
            roomOrder.announce(roomUri, notice, dialog.id());
        }
    }

    private void part(XccosExchange exchange, String user, XmlElement data) {
        String roomUri = roomElements(data).stream().findFirst()
                .map(element -> roomUriOf(element, domainOf(exchange)))
                .orElseThrow(() -> ChannelRefusal.badRequest("Name the room to leave with <chanib uri=...>"));
        if (online.leave(roomUri, exchange.dialog().id())) {
            left(roomUri, exchange.dialog(), user, "part");
        }
        exchange.replySuccess(ChannelElements.room(roomUri));
    }

    /** Tells the room's other participants, and compliance, that the user has left it. */
    private void left(String roomUri, SipDialog dialog, String user, String reason) {
        LOG.info(() -> "channel: " + user + " left " + roomUri + " (" + reason + ")");
        roomOrder.announce(roomUri, ChannelElements.partNotice(roomUri, user), dialog.id());
        try {
            channels.left(user, roomUri, reason);
        } catch (EJBException e) {
            LOG.log(Level.SEVERE, "channel: the part of " + user + " from " + roomUri + " could not be recorded", e);
        }
    }

    private void history(XccosExchange exchange, String user, XmlElement data) {
        String roomUri = roomElements(data).stream().findFirst()
                .map(element -> roomUriOf(element, domainOf(exchange)))
                .orElseThrow(() -> ChannelRefusal.badRequest("Name the room with <chanib uri=...>"));
        requireJoined(roomUri, exchange.dialog());
        int count = data.child("bcq").flatMap(q -> q.child("last")).flatMap(last -> last.attribute("cnt"))
                .map(ChannelServlet::number).orElse(DEFAULT_HISTORY);
        exchange.replySuccess(ChannelElements.history(roomUri, channels.history(user, roomUri, count)));
    }

    private void getPreference(XccosExchange exchange, String user, XmlElement data) {
        XmlElement pref = data.child("pref").orElseThrow(() -> ChannelRefusal.badRequest("getpref needs <pref label=...>"));
        String label = pref.attribute("label").orElseThrow(() -> ChannelRefusal.badRequest("getpref needs a label"));
        boolean createDefault = pref.attribute("createdefault").map(Boolean::parseBoolean).orElse(false);
        StoredPreference stored = channels.preference(user, label)
                .or(() -> createDefault ? Optional.of(channels.savePreference(user, label, "")) : Optional.empty())
                .orElseThrow(() -> ChannelRefusal.notFound("There is no preference " + label));
        exchange.replySuccess(ChannelElements.preference(stored));
    }

    private void setPreference(XccosExchange exchange, String user, XmlElement data) {
        XmlElement pref = data.child("pref").orElseThrow(() -> ChannelRefusal.badRequest("setpref needs <pref label=... content=...>"));
        String label = pref.attribute("label").orElseThrow(() -> ChannelRefusal.badRequest("setpref needs a label"));
        String content = pref.attribute("content").orElse("");
        try {
            Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw ChannelRefusal.badRequest("The preference content is not base64");
        }
        exchange.replySuccess(ChannelElements.preference(channels.savePreference(user, label, content)));
    }

    /** A token for one file transfer over HTTPS; the reply is {@code rpl:getftok} for both directions. */
    private void fileToken(XccosExchange exchange, String user, XmlElement data, FileDirection direction) {
        XmlElement ftdb = data.child("ftdb").orElseThrow(() -> ChannelRefusal.badRequest("Name the file with <ftdb channelUri=... fileUrl=...>"));
        String roomUri = ftdb.attribute("channelUri").orElseThrow(() -> ChannelRefusal.badRequest("<ftdb> needs channelUri"));
        String fileUrl = ftdb.attribute("fileUrl").orElseThrow(() -> ChannelRefusal.badRequest("<ftdb> needs fileUrl"));
        IssuedToken token = fileTokens.issue(user, roomUri, fileUrl, direction);
        exchange.replySuccess(ChannelElements.fileToken(token, roomUri));
    }

    /**
     * A posted message: stored and handed to the room under the room's lock, so that every
     * participant receives the room's messages in the room's order; then answered 200.
     */
    @Override
    protected void onChat(SipRequest request, SipDialog dialog, XccosItem chat) {
        String user = userOf(dialog);
        String roomUri = chat.element().attribute("chanUri").orElse("");
        ChatPost post;
        try {
            post = postOf(chat.element());
        } catch (ChannelRefusal refusal) {
            refuseChat(request, user, roomUri, refusal);
            return;
        }
        if (!online.isIn(roomUri, dialog.id())) {
            refuseChat(request, user, roomUri, ChannelRefusal.notAllowed("Join the room before posting in it"));
            return;
        }
        // A poster whose own client lags behind its rooms is held back first: what it adds would
        // only grow the backlog of everyone, itself included, until its session is ended for it.
        // (Under load most posts are refused as they arrive, by the adapter, through postMark:
        // these checks are for what changed during their turn.)
        if (dialog.isBehind()) {
            busy(request, "the poster's client has not yet read what was sent to it");
            return;
        }
        // Admission: what is accepted must still be delivered fast, so past the server's backlog,
        // its rate or the room's line of waiting posts a post is refused before anything is stored.
        Optional<String> overload = request.admitPost();
        if (overload.isPresent()) {
            busy(request, "the server is behind: " + overload.get());
            return;
        }
        if (!roomOrder.queueToPost(roomUri, MAX_POSTS_WAITING_PER_ROOM)) {
            busy(request, "more than " + MAX_POSTS_WAITING_PER_ROOM + " posts wait their turn in " + roomUri);
            return;
        }
        try {
            roomOrder.post(roomUri, dialog.id(), new RoomPost(user, post),
                    stored -> request.createResponse(200).send());
        } catch (ChannelRefusal refusal) {
            refuseChat(request, user, roomUri, refusal);
        } catch (EJBException e) {
            LOG.log(Level.SEVERE, "channel: message from " + user + " to " + roomUri + " not stored", e);
            request.createResponse(500).reason("The message could not be stored; please send it again").send();
        } finally {
            roomOrder.donePosting(roomUri);
        }
    }

    /**
     * The post as the client sent it: {@code <chat>} holds the text, or a story's body when the
     * {@code title} attribute names the story; {@code alert="true"} marks it as high importance.
     */
    private static ChatPost postOf(XmlElement grpchat) {
        String text = grpchat.child("chat").map(XmlElement::text).orElse("");
        String title = grpchat.attribute("title").orElse(null);
        boolean alert = switch (grpchat.attribute("alert").orElse("false").trim().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0", "" -> false;
            default -> throw ChannelRefusal.badRequest("alert is true or false");
        };
        return new ChatPost(text, title, alert);
    }

    /** 503 with Retry-After: nothing was stored, the client sends it again a moment later. */
    private static void busy(SipRequest request, String why) {
        BUSY_LOG.refused(why);
        request.answerBusy();
    }

    private static void refuseChat(SipRequest request, String user, String roomUri, ChannelRefusal refusal) {
        int status = codeOf(refusal).code();
        LOG.info(() -> "channel: " + status + " to a message from " + user + " to " + roomUri + ": " + refusal.getMessage());
        request.createResponse(status).reason(refusal.getMessage()).send();
    }

    /** The client's session is over (BYE, 481, no answer, connection lost): it leaves every room it was in. */
    @Override
    protected void doDialogEnded(SipDialog dialog, String reason) {
        String user = userOf(dialog);
        online.disconnected(user, dialog.id());
        for (String roomUri : online.leaveAll(dialog.id())) {
            left(roomUri, dialog, user, reason);
        }
    }

    private void requireJoined(String roomUri, SipDialog dialog) {
        if (!online.isIn(roomUri, dialog.id())) {
            throw ChannelRefusal.notAllowed("Join the room first");
        }
    }

    private static List<XmlElement> roomElements(XmlElement data) {
        List<XmlElement> rooms = new ArrayList<>(data.children("chanid"));
        rooms.addAll(data.children("chanib"));
        return rooms;
    }

    /** A room named as {@code <chanid domain="D" value="ID"/>} or {@code <chanib uri="ma-chan://D/ID"/>}. */
    private static String roomUriOf(XmlElement element, String domain) {
        if (element.name().equals("chanib")) {
            return element.attribute("uri").orElseThrow(() -> ChannelRefusal.badRequest("<chanib> without uri"));
        }
        return RoomUri.of(element.attribute("domain").orElse(domain),
                element.attribute("value").orElseThrow(() -> ChannelRefusal.badRequest("<chanid> without value"))).toString();
    }

    private static String userOf(SipDialog dialog) {
        return dialog.remoteParty().toString();
    }

    private static String domainOf(XccosExchange exchange) {
        return exchange.dialog().localParty().host();
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ChannelRefusal.badRequest("'" + text + "' is not a number");
        }
    }

    private static XccosCode codeOf(ChannelRefusal refusal) {
        return switch (refusal.kind()) {
            case BAD_REQUEST -> XccosCode.BAD_REQUEST;
            case NOT_ALLOWED -> XccosCode.NOT_ALLOWED;
            case NOT_FOUND -> XccosCode.NOT_FOUND;
            case CONFLICT -> XccosCode.CONFLICT;
            case TOO_LARGE -> XccosCode.TOO_LARGE;
        };
    }
}
