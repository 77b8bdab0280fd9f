package org.groupchat.sip.channel;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.groupchat.channel.PostedMessage;
import org.groupchat.sip.xccos.XccosSender;

/** The fan-out to the participants connected to this node: one INFO per participant's dialog. */
@Stateless
@Local(MessageFanout.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LocalMessageFanout implements MessageFanout {

    @EJB
    private OnlineParticipants online;

    @Override
    public void deliver(PostedMessage message, String postingDialogId) {
        var pushed = ChannelElements.grpchat(message);
        for (Participant participant : online.in(message.roomUri())) {
            if (!participant.dialogId().equals(postingDialogId) && participant.dialog().isOpen()) {
                XccosSender.send(participant.dialog(), pushed);
            }
        }
    }
}
