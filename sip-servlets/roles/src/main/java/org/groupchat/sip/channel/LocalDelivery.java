package org.groupchat.sip.channel;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.groupchat.channel.ChannelService;
import org.groupchat.channel.PostedMessage;
import org.groupchat.config.GroupchatSettings;
import org.groupchat.sip.SipDialog;
import org.groupchat.sip.xccos.XccosSender;
import org.groupchat.xccos.XmlElement;

/**
 * Hands messages and notices to the participants connected to this node: one INFO per dialog,
 * its XML written once for all. In which order, and when, is {@link RoomOrder}'s to say.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LocalDelivery {

    private static final Logger LOG = Logger.getLogger(LocalDelivery.class.getName());

    @EJB
    private OnlineParticipants online;

    @EJB
    private ChannelService channels;

    private int participantUpdateLimit;

    @PostConstruct
    void readSettings() {
        participantUpdateLimit = GroupchatSettings.current().participantUpdateLimit();
    }

    /**
     * Pushes a notice ({@code ntc:join}, {@code ntc:part}) to everyone in the room here but the
     * dialog it is about. Not in a room with more participants here than the participant-update
     * limit: as in Skype for Business, in a big room the comings and goings would be most of what
     * its participants receive. A part counts the one leaving, so that a room's comings and
     * goings are announced alike.
     */
    public void notice(String roomUri, XmlElement notice, String exceptDialogId) {
        boolean part = notice.attribute("id").filter("ntc:part"::equals).isPresent();
        if (online.count(roomUri) + (part ? 1 : 0) > participantUpdateLimit) {
            return;
        }
        push(roomUri, notice, exceptDialogId);
    }

    /** Pushes to every channel session the user has open on this node. */
    public void toUser(String user, XmlElement element) {
        for (SipDialog session : online.sessionsOf(user)) {
            if (session.isOpen()) {
                XccosSender.send(session, element);
            }
        }
    }

    /** The room's messages {@code from} to {@code to}, read from the database, to everyone in the room here. */
    public void catchUp(String roomUri, long from, long to) {
        try {
            for (PostedMessage missed : channels.messagesBetween(roomUri, from, to)) {
                push(roomUri, ChannelElements.grpchat(missed), "");
            }
        } catch (EJBException e) {
            // they stay in the history, where the client finds them when it asks
            LOG.log(Level.WARNING, "channel: messages " + from + " to " + to + " of " + roomUri
                    + " could not be read for this node's participants", e);
        }
    }

    /** Pushes to everyone in the room here but {@code exceptDialogId}. */
    public void push(String roomUri, XmlElement element, String exceptDialogId) {
        byte[] written = null; // once for everyone: only the envelope's number differs
        for (Participant participant : online.in(roomUri)) {
            if (!participant.dialogId().equals(exceptDialogId) && participant.dialog().isOpen()) {
                if (written == null) {
                    written = XccosSender.write(element);
                }
                XccosSender.sendWritten(participant.dialog(), written);
            }
        }
    }
}
