package org.groupchat.sip.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.logging.Logger;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Refuses a request in a dialog that does not come from where the dialog was opened
 * ({@link DialogOrigin}), before the stack takes it into the dialog: Call-ID and tags are no secret,
 * and a request the stack had taken in would have moved the dialog's CSeq on, so that the real
 * client's next request was refused as out of order. Answered {@code 403} on the connection it came
 * over (an ACK is dropped). An ACK that belongs is reported to the dialog as soon as it is read
 * ({@link DialogOrigin#ackArrived}). Named, after {@link PushedInfoAnswers}, by the stack property
 * {@code gov.nist.javax.sip.SIP_MESSAGE_VALVE}.
 */
public class DialogOriginCheck implements SIPMessageValve {

    static final String REFUSAL = "This session belongs to another connection";
    private static final Logger LOG = Logger.getLogger(DialogOriginCheck.class.getName());

    private SIPTransactionStack stack;

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (stack == null || request.getToTag() == null || request.getFromTag() == null) {
            return true; // not in a dialog
        }
        SIPDialog dialog = stack.getDialog(request.getDialogId(true));
        if (dialog == null || !(dialog.getApplicationData() instanceof DialogOrigin origin)) {
            return true; // the stack answers 481 for a dialog it does not know
        }
        String host = request.getPeerPacketSourceAddress() == null ? "" : request.getPeerPacketSourceAddress().getHostAddress();
        String transport = channel.getTransport();
        int port = request.getPeerPacketSourcePort();
        if (origin.admits(transport, host, port, dialog.getRouteSet().hasNext())) {
            if (Request.ACK.equals(request.getMethod())) {
                origin.ackArrived(dialog); // here, not when the stack's event thread gets to it
            }
            return true;
        }
        LOG.warning(() -> request.getMethod() + " from " + request.getFrom().getAddress() + " in dialog " + request.getCallId().getCallId()
                + " refused (403): it came from " + transport + ":" + host + ":" + port + ", not from where the dialog was opened");
        ValveRefusal.answer(request, channel, Response.FORBIDDEN, REFUSAL);
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void init(SipStack sipStack) {
        stack = (SIPTransactionStack) sipStack;
    }

    @Override
    public void destroy() {
    }
}
