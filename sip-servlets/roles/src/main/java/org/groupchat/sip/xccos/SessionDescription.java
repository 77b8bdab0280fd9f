package org.groupchat.sip.xccos;

import org.groupchat.sip.SipRequest;

/**
 * The SDP answer to a chat INVITE. The client offers {@code m=message <port> sip null}; the server
 * answers in the same shape with its own address and the URI that was invited.
 */
final class SessionDescription {

    private SessionDescription() {
    }

    static String answer(SipRequest invite) {
        String local = invite.localAddress();
        int colon = local.lastIndexOf(':');
        String address = local.substring(0, colon);
        String port = local.substring(colon + 1);
        String addressType = address.contains(":") ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=- 0 0 IN " + addressType + " " + address + "\r\n"
                + "s=session\r\n"
                + "c=IN " + addressType + " " + address + "\r\n"
                + "t=0 0\r\n"
                + "m=message " + port + " sip " + invite.to() + "\r\n";
    }
}
