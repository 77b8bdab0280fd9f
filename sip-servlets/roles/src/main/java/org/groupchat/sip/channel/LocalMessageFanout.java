package org.groupchat.sip.channel;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.groupchat.channel.PostedMessage;
import org.groupchat.sip.xccos.XccosSender;
import org.groupchat.xccos.XmlElement;

/** The fan-out to the participants connected to this node: one INFO per participant's dialog. */
@Stateless
@Local(MessageFanout.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LocalMessageFanout implements MessageFanout {

    @EJB
    private OnlineParticipants online;

    @Override
    public void deliver(PostedMessage message, String postingDialogId) {
        push(message.roomUri(), ChannelElements.grpchat(message), postingDialogId);
    }

    @Override
    public void announce(String roomUri, XmlElement notice, String exceptDialogId) {
        push(roomUri, notice, exceptDialogId);
    }

    private void push(String roomUri, XmlElement element, String exceptDialogId) {
        for (Participant participant : online.in(roomUri)) {
            if (!participant.dialogId().equals(exceptDialogId) && participant.dialog().isOpen()) {
                XccosSender.send(participant.dialog(), element);
            }
        }
    }
}
