package org.groupchat.sip.channel;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.groupchat.channel.ChannelService;
import org.groupchat.channel.PendingInvitation;
import org.groupchat.channel.RoomPresence;
import org.groupchat.channel.RoomUri;
import org.groupchat.sip.xccos.XccosSender;
import org.groupchat.xccos.XmlElement;

/**
 * Empties a room of its online participants, or of those who may no longer be in it, on every
 * node, between two of the room's messages ({@link RoomOrder}); tells connected users of their
 * invitations, on whichever node they are.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each part is recorded in a transaction of its own
public class OnlineRoomPresence implements RoomPresence {

    private static final Logger LOG = Logger.getLogger(OnlineRoomPresence.class.getName());

    @EJB
    private RoomOrder roomOrder;

    @EJB
    private OnlineParticipants online;

    @EJB
    private ChannelService channels;

    @EJB
    private LocalDelivery local;

    @EJB
    private ClusterTopic cluster;

    /** @return how many participants were taken out on this node (the other nodes do theirs as they hear of it) */
    @Override
    public int removeEveryone(String roomUri, String reason) {
        int removed = removeEveryoneHere(roomUri, reason);
        cluster.emptyRoom(roomUri, reason);
        return removed;
    }

    /** Takes this node's participants out of the room. */
    public int removeEveryoneHere(String roomUri, String reason) {
        int removed = roomOrder.takeOut(roomUri, participant -> true, participant -> {
            if (participant.dialog().isOpen()) {
                XccosSender.send(participant.dialog(), ChannelElements.partNotice(roomUri, participant.user()));
            }
            recordPart(participant, roomUri, reason);
        });
        LOG.info(() -> "channel: " + removed + " participants taken out of " + roomUri + " (" + reason + ")");
        return removed;
    }

    @Override
    public int removeThoseNoLongerAllowed(String roomUri, String reason) {
        int removed = removeThoseNoLongerAllowedHere(roomUri, reason);
        cluster.recheckRoom(roomUri, reason);
        return removed;
    }

    /** Takes out this node's participants who may no longer be in the room (in any room: null). */
    public int removeThoseNoLongerAllowedHere(String roomUri, String reason) {
        int removed = 0;
        for (String room : roomUri == null ? online.occupiedRooms() : Set.of(roomUri)) {
            removed += removeNoLongerAllowed(room, reason);
        }
        return removed;
    }

    private int removeNoLongerAllowed(String roomUri, String reason) {
        // checked and taken out between two of the room's messages: none reaches them after the change
        return roomOrder.takeOut(roomUri, participant -> !channels.mayStayIn(participant.user(), roomUri), participant -> {
            LOG.info(() -> "channel: " + participant.user() + " taken out of " + roomUri + " (" + reason + ")");
            XmlElement part = ChannelElements.partNotice(roomUri, participant.user());
            if (participant.dialog().isOpen()) {
                XccosSender.send(participant.dialog(), part);
            }
            roomOrder.announce(roomUri, part, participant.dialogId()); // the others, here and on the other nodes
            recordPart(participant, roomUri, reason);
        });
    }

    private void recordPart(Participant participant, String roomUri, String reason) {
        try {
            channels.left(participant.user(), roomUri, reason);
        } catch (EJBException e) {
            LOG.log(Level.SEVERE, "channel: the part of " + participant.user() + " from " + roomUri + " could not be recorded", e);
        }
    }

    @Override
    public void invited(String user, PendingInvitation invitation) {
        XmlElement notice = ChannelElements.invitationNotice(invitation, RoomUri.parse(invitation.roomUri()).domain());
        local.toUser(user, notice);
        cluster.userNotice(user, notice);
    }
}
