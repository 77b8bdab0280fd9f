package org.groupchat.sip.adapter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.groupchat.sip.SipUri;

/**
 * What the adapter keeps with each JAIN-SIP dialog (as its application data): the role that
 * answers it, where the client's connection is, and the role's own attributes for the dialog.
 *
 * @param role      the role that accepted the dialog's INVITE
 * @param invited   the URI the client invited: the local party of the dialog
 * @param peer      the transport address the INVITE came from: requests to the client go there
 * @param workKey   the dialog's work queue: its requests, and what we send in it, run there in order
 */
record DialogState(RoleEndpoint role, SipUri invited, PeerAddress peer, String workKey, Map<String, Object> attributes) {

    DialogState(RoleEndpoint role, SipUri invited, PeerAddress peer, String workKey) {
        this(role, invited, peer, workKey, new ConcurrentHashMap<>());
    }

    /** A transport address of a client: where its packets came from, over which transport. */
    record PeerAddress(String transport, String host, int port) {
        @Override
        public String toString() {
            return transport + ":" + host + ":" + port;
        }
    }
}
