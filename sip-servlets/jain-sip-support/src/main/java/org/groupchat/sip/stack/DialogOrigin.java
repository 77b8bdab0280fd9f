package org.groupchat.sip.stack;

import gov.nist.javax.sip.stack.SIPDialog;

/**
 * What {@link DialogOriginCheck} asks of a dialog's application data, before the stack sees a
 * request in the dialog: whether the request comes from where the dialog was opened, and (for
 * its ACK) that the ACK has arrived.
 */
public interface DialogOrigin {

    /**
     * @param transport how the request came (udp, tcp, tls)
     * @param host      the address it came from
     * @param port      the port it came from
     * @param routed    a proxy recorded its route in the dialog
     * @return whether a request from there belongs to the dialog
     */
    boolean admits(String transport, String host, int port, boolean routed);

    /** The dialog's ACK came in (from where the dialog was opened), as read off the connection. */
    void ackArrived(SIPDialog dialog);
}
