package org.groupchat.sip;

/**
 * A response being built. For a 2xx to INVITE the adapter adds the To tag and a Contact of this
 * server on the transport the request came over.
 */
public interface SipResponse {

    /** Replaces the standard reason phrase, to tell the peer (and its user) why. */
    SipResponse reason(String reasonPhrase);

    SipResponse header(String name, String value);

    SipResponse content(String contentType, String body);

    /**
     * Sends it. A response to a request that was already answered (for example cancelled meanwhile)
     * is dropped with a log line.
     */
    void send();
}
