package org.groupchat.sip;

import java.util.Optional;

/** A SIP request delivered to a role, with the means to answer it. */
public interface SipRequest {

    String method();

    /** The Request-URI as received. */
    String requestUri();

    /**
     * The sender, without parameters: the P-Asserted-Identity of a trusted proxy (mutual TLS),
     * otherwise the address in From (groupchat.sip.identity decides whether others are served).
     */
    SipUri from();

    /** The address in To, without parameters. */
    SipUri to();

    String callId();

    /** The first value of a header, by its full name. */
    Optional<String> header(String name);

    /** The body as text (UTF-8), empty when there is none. */
    String content();

    /** The media type of the body, for example {@code text/plain}; empty when there is no body. */
    String contentType();

    /** The transport it came over: {@code udp}, {@code tcp} or {@code tls}. */
    String transport();

    /** Where it came from, as {@code address:port}, for log lines. */
    String remoteAddress();

    /** Our own address on the transport it came over, as {@code address:port} (for SDP and Contact). */
    String localAddress();

    /** The dialog it belongs to; for an INVITE the dialog it creates when answered 2xx. */
    Optional<SipDialog> dialog();

    /** Starts a response; nothing is sent before {@link SipResponse#send()}. */
    SipResponse createResponse(int status);

    /**
     * 503 with Retry-After: the server is busy, nothing was done, and the client sends it again
     * a moment later.
     */
    default void answerBusy() {
        createResponse(503).reason("The server is busy; please send the message again in a moment")
                .header("Retry-After", "2").send();
    }

    /**
     * Why the server cannot take a new post now, if it cannot: it is behind and the post waited too
     * long for its turn or comes faster than the server has lately kept up with, or it is far
     * behind. The post is then refused with 503 and Retry-After before anything is done; otherwise
     * it is counted as taken. A post the adapter already took as it arrived (its role named what
     * marks a post: activation property {@code postMark}) is only checked for its wait. The reason
     * names the limit passed, without figures (refusals are counted by reason).
     */
    Optional<String> admitPost();

    /** Whether a final response has been sent (by the role, or by the adapter on CANCEL). */
    boolean isAnswered();
}
