package org.groupchat.sip.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import java.io.IOException;
import java.util.logging.Logger;
import javax.sip.message.Request;

/**
 * The answer a message valve gives a request it stops before the stack takes it in: sent on the
 * connection the request came over (there is no transaction to send it), none to an ACK.
 */
final class ValveRefusal {

    private static final Logger LOG = Logger.getLogger(ValveRefusal.class.getName());

    private ValveRefusal() {
    }

    static void answer(SIPRequest request, MessageChannel channel, int status, String reason) {
        if (Request.ACK.equals(request.getMethod())) {
            return;
        }
        try {
            channel.sendMessage(request.createResponse(status, reason));
        } catch (IOException e) {
            LOG.fine(() -> "the " + status + " could not be sent: " + e.getMessage());
        }
    }
}
