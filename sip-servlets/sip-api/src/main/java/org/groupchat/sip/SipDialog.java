package org.groupchat.sip;

import java.util.Optional;

/**
 * A SIP dialog between this server and one client endpoint. It carries the role's state for the
 * dialog (its attributes) and sends the server's own requests in it.
 */
public interface SipDialog {

    /** Call-ID and both tags: unique for this dialog. */
    String id();

    /**
     * The client's user: who the INVITE that began the dialog was from, by the server's identity
     * policy ({@link SipRequest#from()}: the P-Asserted-Identity of a trusted proxy, otherwise From).
     * Every request in the dialog is this user's, whatever its own headers say.
     */
    SipUri remoteParty();

    /** The URI the client invited: the role it talks to. */
    SipUri localParty();

    /**
     * Sends an INFO with this body in the dialog, over the connection the client opened. It never
     * waits: the INFO is queued behind what the dialog already has to do, and leaves in order with
     * everything else sent in this dialog. Failures (no answer, an error answer) are logged by the
     * adapter.
     */
    void sendInfo(String contentType, SipBody body);

    /** {@link #sendInfo(String, SipBody)} with a body of text. */
    default void sendInfo(String contentType, String body) {
        sendInfo(contentType, SipBody.of(body));
    }

    /** False once the dialog has ended: nothing sent in it would arrive. */
    boolean isOpen();

    /**
     * The client is behind: more waits to be sent to it than it reads in good time (an eighth of
     * what would put it out). A client in that state should not add more to its rooms yet.
     */
    boolean isBehind();

    <T> Optional<T> attribute(String name, Class<T> type);

    void setAttribute(String name, Object value);
}
