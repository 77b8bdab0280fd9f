package org.groupchat.sip;

/**
 * The message listener type of the SIP resource adapter: a message-driven bean that implements it
 * (usually through {@link SipServlet}) receives the SIP requests addressed to its role.
 *
 * <p>Requests of one dialog arrive one at a time and in order; requests of different dialogs
 * arrive in parallel, on the adapter's work threads, never on the SIP stack's own thread.
 */
public interface SipRequestListener {

    void onRequest(SipRequest request);
}
