package org.groupchat.sip.stack;

/**
 * Where a dialog was opened from, as its application data tells {@link DialogOriginCheck}: a
 * request in the dialog must come from there.
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
}
