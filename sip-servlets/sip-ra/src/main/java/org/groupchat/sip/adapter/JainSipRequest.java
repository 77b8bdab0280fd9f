package org.groupchat.sip.adapter;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.groupchat.sip.SipDialog;
import org.groupchat.sip.SipRequest;
import org.groupchat.sip.SipResponse;
import org.groupchat.sip.SipUri;

/**
 * A JAIN-SIP request as the roles see it. It answers through its server transaction, at most one
 * final response: whoever answers first (the role, or the adapter on CANCEL) wins.
 */
final class JainSipRequest implements SipRequest {

    private static final Logger LOG = Logger.getLogger(JainSipRequest.class.getName());

    private final AdapterContext context;
    private final Request request;
    private final ServerTransaction transaction;
    private final Dialog dialog;
    /** When the stack handed it over, before it waited for its dialog's turn on a worker. */
    private final long receivedNanos = System.nanoTime();
    private boolean admittedOnArrival;
    private boolean answered;

    JainSipRequest(AdapterContext context, Request request, ServerTransaction transaction, Dialog dialog) {
        this.context = context;
        this.request = request;
        this.transaction = transaction;
        this.dialog = dialog;
        this.answered = transaction == null;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String requestUri() {
        return request.getRequestURI().toString();
    }

    /**
     * The sender: the P-Asserted-Identity of a trusted peer (a proxy whose certificate the TLS
     * trust store verified), otherwise From. A P-Asserted-Identity from anyone else is ignored.
     */
    @Override
    public SipUri from() {
        if (trustedPeer().isPresent()) {
            Optional<String> asserted = header("P-Asserted-Identity");
            if (asserted.isPresent()) {
                String value = asserted.get();
                int open = value.indexOf('<');
                return SipUri.parse(open >= 0 ? value.substring(open + 1, value.indexOf('>', open)) : value.trim());
            }
        }
        return SipUri.parse(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI().toString());
    }

    /** How many identities the request asserts: P-Asserted-Identity headers, and the comma-separated values of each. */
    int assertedIdentities() {
        int count = 0;
        for (ListIterator<?> headers = request.getHeaders("P-Asserted-Identity"); headers.hasNext(); headers.next()) {
            count++;
        }
        return count;
    }

    /** The subject of the peer's certificate when the request came over mutual TLS from a trusted peer. */
    Optional<String> trustedPeer() {
        if (transaction instanceof SIPServerTransaction tls && "tls".equals(transport())) {
            try {
                Certificate[] chain = tls.getPeerCertificates();
                if (chain != null && chain.length > 0 && chain[0] instanceof X509Certificate peer) {
                    return Optional.of(peer.getSubjectX500Principal().getName());
                }
            } catch (SSLPeerUnverifiedException | RuntimeException noCertificate) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public SipUri to() {
        return SipUri.parse(((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI().toString());
    }

    @Override
    public String callId() {
        return ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
    }

    @Override
    public Optional<String> header(String name) {
        Header header = request.getHeader(name);
        if (header == null) {
            return Optional.empty();
        }
        String text = header.toString();
        int colon = text.indexOf(':');
        return Optional.of(text.substring(colon + 1).trim());
    }

    @Override
    public String content() {
        byte[] raw = request.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public String contentType() {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        return type == null ? "" : type.getContentType() + "/" + type.getContentSubType();
    }

    @Override
    public String transport() {
        return ((ViaHeader) request.getHeader(ViaHeader.NAME)).getTransport().toLowerCase();
    }

    @Override
    public String remoteAddress() {
        DialogState.PeerAddress peer = peerAddress();
        return peer.host() + ":" + peer.port();
    }

    @Override
    public String localAddress() {
        ListeningPoint point = context.host().provider().getListeningPoint(transport());
        return point.getIPAddress() + ":" + point.getPort();
    }

    /**
     * The TCP or TLS connection this request came over (JAIN-SIP's channel, one per connection), or
     * empty over UDP: a new connection from the same address and port is another object.
     */
    Optional<Object> connection() {
        return ((SIPRequest) request).getMessageChannel() instanceof ConnectionOrientedMessageChannel connection
                ? Optional.of(connection) : Optional.empty();
    }

    /** The transport address this request came from. */
    DialogState.PeerAddress peerAddress() {
        SIPRequest nist = (SIPRequest) request;
        return new DialogState.PeerAddress(transport(), nist.getPeerPacketSourceAddress().getHostAddress(),
                nist.getPeerPacketSourcePort());
    }

    @Override
    public Optional<SipDialog> dialog() {
        if (dialog == null || !(dialog.getApplicationData() instanceof DialogState state)) {
            return Optional.empty();
        }
        return Optional.of(new JainSipDialog(context, dialog, state));
    }

    @Override
    public SipResponse createResponse(int status) {
        return new Builder(status);
    }

    @Override
    public Optional<String> admitPost() {
        return context.admitPost(receivedNanos, admittedOnArrival);
    }

    /** The adapter took it as a post when it arrived ({@link AdapterContext#admitArrivingPost}). */
    void admittedOnArrival() {
        admittedOnArrival = true;
    }

    @Override
    public synchronized boolean isAnswered() {
        return answered;
    }

    /** Sends a final response unless one was sent already; tells whether this one went out. */
    boolean answerIfUnanswered(int status, String reason) {
        return send(status, reason, Map.of(), null, null);
    }

    void sendTrying() {
        try {
            transaction.sendResponse(context.host().messageFactory().createResponse(Response.TRYING, request));
        } catch (Exception e) {
            LOG.log(Level.FINE, "100 Trying not sent", e);
        }
    }

    private synchronized boolean send(int status, String reason, Map<String, String> headers,
                                      String contentType, String body) {
        if (answered) {
            LOG.fine(() -> status + " to " + method() + " " + callId() + " dropped: already answered");
            return false;
        }
        try {
            Response response = context.host().messageFactory().createResponse(status, request);
            if (reason != null) {
                response.setReasonPhrase(reason.replaceAll("[\\r\\n]+", " "));
            }
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag(localTag());
            }
            if (status >= 200 && status < 300 && (Request.INVITE.equals(method()) || Request.SUBSCRIBE.equals(method()))) {
                response.addHeader(contact());
            }
            if (status >= 200 && status < 300 && isSessionRefresh() && !context.sessionExpires().isZero()) {
                // RFC 4028: the client refreshes (UPDATE) within this interval, or the session ends
                response.addHeader(context.host().headerFactory().createHeader("Session-Expires",
                        context.sessionExpires().toSeconds() + ";refresher=uac"));
            }
            for (Map.Entry<String, String> header : headers.entrySet()) {
                for (Header parsed : context.host().headers(header.getKey(), header.getValue())) {
                    response.addHeader(parsed);
                }
            }
            if (body != null) {
                String[] type = contentType.split("/", 2);
                response.setContent(body.getBytes(StandardCharsets.UTF_8),
                        context.host().headerFactory().createContentTypeHeader(type[0], type.length > 1 ? type[1] : "plain"));
            }
            transaction.sendResponse(response);
            if (status >= 200 && status < 300 && Request.INVITE.equals(method())
                    && dialog instanceof SIPDialog sent && sent.getApplicationData() instanceof DialogState state) {
                state.inviteAnswered(sent);
            }
            if (status >= 200) {
                answered = true;
                if (Request.SUBSCRIBE.equals(method()) && dialog != null) {
                    // Subscriptions here are answered once, with their data in the 200 (the
                    // provisioning one): no dialog is kept; a refresh comes back as a new one.
                    dialog.delete();
                }
            }
            return true;
        } catch (Exception e) {
            answered = true;
            LOG.info(() -> status + " to " + method() + " from " + remoteAddress() + " could not be sent: " + e.getMessage());
            return false;
        }
    }

    private boolean isSessionRefresh() {
        return Request.INVITE.equals(method()) || Request.UPDATE.equals(method());
    }

    private String localTag() {
        if (dialog != null && dialog.getLocalTag() != null) {
            return dialog.getLocalTag();
        }
        return UUID.randomUUID().toString().substring(0, 12);
    }

    /** Our address for the client's next requests: the invited user at the listening point the INVITE came in on. */
    private ContactHeader contact() throws ParseException {
        String transport = transport();
        ListeningPoint point = context.host().provider().getListeningPoint(transport);
        SipURI uri = context.host().addressFactory().createSipURI(to().user(), point.getIPAddress());
        uri.setPort(point.getPort());
        uri.setTransportParam(transport);
        Address address = context.host().addressFactory().createAddress(uri);
        return context.host().headerFactory().createContactHeader(address);
    }

    @Override
    public String toString() {
        String sender;
        try {
            sender = from().toString();
        } catch (IllegalArgumentException e) { // a From that names no user: shown as it came
            sender = String.valueOf(((FromHeader) request.getHeader(FromHeader.NAME)).getAddress());
        }
        return method() + " " + requestUri() + " from " + sender + " (" + remoteAddress() + ")";
    }

    /** Collects what the role sets, then sends it once. */
    private final class Builder implements SipResponse {
        private final int status;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String reason;
        private String contentType;
        private String body;

        Builder(int status) {
            this.status = status;
        }

        @Override
        public SipResponse reason(String reasonPhrase) {
            this.reason = reasonPhrase;
            return this;
        }

        @Override
        public SipResponse header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        @Override
        public SipResponse content(String type, String content) {
            this.contentType = type;
            this.body = content;
            return this;
        }

        @Override
        public void send() {
            JainSipRequest.this.send(status, reason, headers, contentType, body);
        }
    }
}
