package org.groupchat.sip;

/**
 * The message listener type of the SIP resource adapter: a message-driven bean that implements it
 * (usually through {@link SipServlet}) receives the SIP requests addressed to its role.
 *
 * <p>Requests of one dialog, and the notice of its end, arrive one at a time and in order; requests of different dialogs
 * arrive in parallel, on the adapter's work threads, never on the SIP stack's own thread.
 */
public interface SipRequestListener {

    void onRequest(SipRequest request);

    /**
     * The dialog is over: the client said BYE, answered 481, stopped answering, or its connection
     * is gone. Comes once per dialog, after the dialog's last request.
     */
    void onDialogEnded(SipDialog dialog, String reason);
}
