package org.groupchat.sip;

import java.util.logging.Logger;

/**
 * Base class of each SIP role, in the style of JSR 289 servlets: one method per SIP method, so that
 * a role reads as its call flow. The defaults are what a chat server role answers when it has
 * nothing more to say; a method the role does not override and SIP does not need is refused with
 * 405 and the list of methods that are allowed.
 */
public abstract class SipServlet implements SipRequestListener {

    /** The methods every role understands. */
    public static final String ALLOW = "INVITE, ACK, CANCEL, BYE, INFO, UPDATE, OPTIONS";

    private static final Logger LOG = Logger.getLogger(SipServlet.class.getName());

    @Override
    public void onRequest(SipRequest request) {
        switch (request.method()) {
            case "INVITE" -> doInvite(request);
            case "ACK" -> doAck(request);
            case "INFO" -> doInfo(request);
            case "BYE" -> doBye(request);
            case "CANCEL" -> doCancel(request);
            case "UPDATE" -> doUpdate(request);
            case "OPTIONS" -> doOptions(request);
            default -> doOther(request);
        }
    }

    @Override
    public void onDialogEnded(SipDialog dialog, String reason) {
        doDialogEnded(dialog, reason);
    }

    /** The dialog is over (BYE, 481, no answer, connection lost): release what the role kept for it. */
    protected void doDialogEnded(SipDialog dialog, String reason) {
    }

    protected void doInvite(SipRequest request) {
        notAllowed(request);
    }

    /** The ACK of an accepted INVITE: the dialog is confirmed; nothing to answer. */
    protected void doAck(SipRequest request) {
    }

    protected void doInfo(SipRequest request) {
        notAllowed(request);
    }

    /** The client ends the dialog. */
    protected void doBye(SipRequest request) {
        request.createResponse(200).send();
    }

    /** The adapter has already answered the CANCEL and the INVITE (487); this is only a notice. */
    protected void doCancel(SipRequest request) {
    }

    /** A session refresh (RFC 4028) with no change to the session: accepted as it is. */
    protected void doUpdate(SipRequest request) {
        request.createResponse(200).send();
    }

    protected void doOptions(SipRequest request) {
        request.createResponse(200).header("Allow", ALLOW).send();
    }

    /** Any method outside {@link #ALLOW}. */
    protected void doOther(SipRequest request) {
        notAllowed(request);
    }

    protected final void notAllowed(SipRequest request) {
        LOG.fine(() -> request.method() + " from " + request.from() + " refused with 405 by " + getClass().getSimpleName());
        request.createResponse(405).header("Allow", ALLOW).send();
    }
}
