package org.groupchat.sip.channel;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.groupchat.channel.ChannelService;
import org.groupchat.channel.PendingInvitation;
import org.groupchat.channel.RoomPresence;
import org.groupchat.channel.RoomUri;
import org.groupchat.sip.xccos.XccosSender;
import org.groupchat.xccos.XmlElement;

/**
 * Empties a room of its online participants, on every node, under the room's lock so that no post
 * slips in between; tells connected users of their invitations, on whichever node they are.
 */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each part is recorded in a transaction of its own
public class OnlineRoomPresence implements RoomPresence {

    private static final Logger LOG = Logger.getLogger(OnlineRoomPresence.class.getName());

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
        int removed = 0;
        synchronized (online.lockOf(roomUri)) {
            for (Participant participant : online.in(roomUri)) {
                if (!online.leave(roomUri, participant.dialogId())) {
                    continue; // gone meanwhile, and told so by its own part
                }
                removed++;
                if (participant.dialog().isOpen()) {
                    XccosSender.send(participant.dialog(), ChannelElements.partNotice(roomUri, participant.user()));
                }
                try {
                    channels.left(participant.user(), roomUri, reason);
                } catch (EJBException e) {
                    LOG.log(Level.SEVERE, "channel: the part of " + participant.user() + " from " + roomUri + " could not be recorded", e);
                }
            }
        }
        int count = removed;
        LOG.info(() -> "channel: " + count + " participants taken out of " + roomUri + " (" + reason + ")");
        return count;
    }

    @Override
    public void invited(String user, PendingInvitation invitation) {
        XmlElement notice = ChannelElements.invitationNotice(invitation, RoomUri.parse(invitation.roomUri()).domain());
        local.toUser(user, notice);
        cluster.userNotice(user, notice);
    }
}
