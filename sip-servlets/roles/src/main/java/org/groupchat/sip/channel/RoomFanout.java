package org.groupchat.sip.channel;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.groupchat.channel.PostedMessage;
import org.groupchat.xccos.XmlElement;

/** The room's participants on this node hear it at once; those on the other nodes through the cluster's topic. */
@Stateless
@Local(MessageFanout.class)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoomFanout implements MessageFanout {

    @EJB
    private LocalDelivery local;

    @EJB
    private ClusterTopic cluster;

    @Override
    public void deliver(PostedMessage message, String postingDialogId) {
        local.message(message, postingDialogId);
        cluster.message(message);
    }

    @Override
    public void announce(String roomUri, XmlElement notice, String exceptDialogId) {
        local.notice(roomUri, notice, exceptDialogId);
        cluster.roomNotice(roomUri, notice);
    }
}
