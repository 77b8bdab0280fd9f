package org.groupchat.sip.adapter;

import gov.nist.javax.sip.DialogTimeoutEvent;
import org.groupchat.config.GroupchatSettings;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransaction;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.groupchat.sip.SipRequestListener;
import org.groupchat.sip.SipServlet;
import org.groupchat.sip.ThrottledLog;

/**
 * Receives every SIP event of the stack, on the stack's event thread, and hands requests over to
 * the role that serves them, through the per-dialog work queues. Nothing here waits on a role,
 * a database or the network: what must be answered at once (100 Trying, CANCEL, requests for
 * dialogs or services that do not exist) is answered here, the rest is queued.
 */
final class InboundRequestHandler implements SipListenerExt {

    private static final Logger LOG = Logger.getLogger(InboundRequestHandler.class.getName());
    private static final String FRONT_ROLE = "front";
    private static final ThrottledLog REFUSED_ON_ARRIVAL = new ThrottledLog(LOG, "posts refused as they arrived (503, busy)");

    private final SipStackHost host;
    private final RoleEndpoints roles;
    private final DialogWorkQueues queues;
    private final AdapterContext context;
    /** groupchat.sip.identity=trusted-proxies: only peers the TLS trust store verified are served. */
    private final boolean trustedProxiesOnly;
    /** groupchat.front.registration=digest: REGISTER is challenged; null otherwise. */
    private final RegisterDigest registerDigest;
    /** Sweeps run while the backlog was large (one log line every ten). */
    private int busySweeps;
    /** The dialogs still open, for the session-timer sweep. */
    private final Set<Dialog> openDialogs = ConcurrentHashMap.newKeySet();

    InboundRequestHandler(SipStackHost host, RoleEndpoints roles, DialogWorkQueues queues, DialogWorkQueues writers,
            Duration sessionExpires, GroupchatSettings.SendLimits limits, boolean trustedProxiesOnly, RegisterDigest registerDigest) {
        this.host = host;
        this.roles = roles;
        this.queues = queues;
        this.trustedProxiesOnly = trustedProxiesOnly;
        this.registerDigest = registerDigest;
        this.context = new AdapterContext(host, queues, writers, this::end, sessionExpires, limits, new ConcurrentHashMap<>(),
                new PostRate(System.nanoTime()));
    }

    /**
     * Closes the connections of clients that have stopped reading: a write to them has been blocked
     * longer than the limit (their TCP window stays shut). The blocked write fails at once, the
     * worker it held goes back to the others, and the client's sessions end.
     */
    void closeStalledConnections() {
        int queued = queues.queued();
        if (context.overloaded() && ++busySweeps % 10 == 0) {
            LOG.info(() -> "SIP work waiting: " + queued + " requests and sends in " + queues.busyDialogs() + " dialogs, the latest had waited "
                    + queues.delay().toMillis() + " ms, " + Math.round(host.lateAnswerShare() * 100)
                    + " % of the clients' answers late; new posts are refused (" + context.limits().maxQueueDelay().toMillis()
                    + " ms or " + context.limits().maxQueued() + " at most)");
        }
        Duration limit = context.limits().stalledWrite();
        context.writesInProgress().forEach((state, dialog) -> {
            if (state.blockedWrite().compareTo(limit) > 0) {
                LOG.warning(() -> "dialog with " + dialog.getRemoteParty() + ": a write to the client has been blocked for more than "
                        + limit.toSeconds() + " s (it is not reading); its connection is closed");
                state.closeConnection();
                end(dialog, "the client stopped reading what is sent to it");
            }
        });
    }

    /**
     * Ends the sessions whose client has sent nothing for longer than the session interval: a
     * client that refreshes (UPDATE) or talks keeps its session; a vanished one stops doing both.
     */
    void endExpiredSessions() {
        Duration limit = context.sessionExpires();
        for (Dialog dialog : openDialogs) {
            stateOf(dialog).filter(state -> state.silence().compareTo(limit) > 0).ifPresent(state ->
                    end(dialog, "the session expired: nothing from the client for " + limit.toSeconds() + " s"));
        }
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            switch (request.getMethod()) {
                case Request.ACK -> acknowledge(event);
                case Request.CANCEL -> cancel(event);
                default -> receive(event);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, request.getMethod() + " " + callId(request) + " could not be handled", e);
        }
    }

    private void receive(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction transaction = event.getServerTransaction();
        if (transaction == null) {
            try {
                transaction = host.provider().getNewServerTransaction(request);
            } catch (TransactionAlreadyExistsException retransmission) {
                return; // the stack answers retransmissions itself
            } catch (Exception e) {
                LOG.warning(() -> request.getMethod() + " " + callId(request) + " refused: no transaction: " + e.getMessage());
                return;
            }
        }
        Dialog dialog = transaction.getDialog();
        JainSipRequest sipRequest = new JainSipRequest(context, request, transaction, dialog);
        transaction.setApplicationData(sipRequest);
        if (trustedProxiesOnly && sipRequest.trustedPeer().isEmpty()) {
            LOG.warning(() -> "403 to " + sipRequest + ": not from a trusted proxy (groupchat.sip.identity=trusted-proxies "
                    + "serves only peers whose TLS certificate the trust store verifies)");
            sipRequest.createResponse(Response.FORBIDDEN).reason("Only trusted proxies (mutual TLS) are served here").send();
            return;
        }
        int asserted = sipRequest.assertedIdentities();
        Optional<String> peer = asserted > 1 ? sipRequest.trustedPeer() : Optional.empty();
        if (peer.isPresent()) {
            // which one would be the user? A proxy that passes on a client's own assertion beside its
            // own would let the client choose: refused rather than guessed
            LOG.warning(() -> "400 to " + sipRequest + ": the trusted proxy " + peer.get()
                    + " asserted " + asserted + " identities; it must assert one user");
            sipRequest.createResponse(Response.BAD_REQUEST).reason("More than one P-Asserted-Identity: the proxy must assert one user").send();
            return;
        }
        if (trustedProxiesOnly && speaksForAUser(request) && sipRequest.header("P-Asserted-Identity").isEmpty()) {
            LOG.warning(() -> "403 to " + sipRequest + ": the trusted proxy asserted no identity (groupchat.sip.identity=trusted-proxies "
                    + "takes the user from P-Asserted-Identity, never from From)");
            sipRequest.createResponse(Response.FORBIDDEN).reason("No P-Asserted-Identity: the proxy must say who the user is").send();
            return;
        }
        if (registerDigest != null && !passesDigest(sipRequest, request)) {
            return;
        }
        if (Request.INVITE.equals(request.getMethod())) {
            sipRequest.sendTrying();
        }

        Optional<RoleEndpoint> role;
        if (toTag(request) != null) {
            Optional<DialogState> state = stateOf(dialog); // from the dialog's own peer (DialogOriginCheck)
            state.ifPresent(DialogState::talkedInDialog);
            role = state.map(DialogState::role);
            if (role.isEmpty()) {
                LOG.info(() -> "481 to " + sipRequest + ": no such dialog");
                sipRequest.answerIfUnanswered(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
                return;
            }
        } else {
            role = isFrontRequest(request) ? roles.named(FRONT_ROLE) : roles.forRequestUri(request.getRequestURI());
            if (role.isEmpty()) {
                answerWithoutRole(sipRequest); // a proxy's OPTIONS ping, often from no user, gets its 200 there
                return;
            }
        }
        if (!namesItsParties(sipRequest)) {
            return;
        }
        if (toTag(request) == null && Request.INVITE.equals(request.getMethod()) && dialog != null) {
            dialog.setApplicationData(new DialogState(role.get(), sipRequest.to(), sipRequest.from(), sipRequest.peerAddress(),
                    dialogKey(request), ((SIPTransaction) transaction).getMessageChannel()));
            openDialogs.add(dialog);
        }
        if (role.get().postMark().marks(request, toTag(request) != null) && !admittedOnArrival(sipRequest, dialog)) {
            return;
        }
        queues.submit(dialogKey(request), new Delivery(role.get(), sipRequest));
        if (Request.BYE.equals(request.getMethod())) {
            openDialogs.remove(dialog);
            stateOf(dialog).ifPresent(state -> {
                state.ending("the client ended the session");
                tellRoleOfEnd(dialog, state);
            });
        }
    }

    /**
     * A post refused as it arrives (the server is behind, or its poster) is answered 503 by the
     * dialog's writer, after what waits to be written to that client: its connection may be the
     * one that is blocked, and this thread must never wait on a client's connection.
     */
    private boolean admittedOnArrival(JainSipRequest post, Dialog dialog) {
        Optional<DialogState> poster = stateOf(dialog);
        if (poster.isEmpty()) {
            return true; // the role answers it: no such dialog
        }
        Optional<String> refusal = context.admitArrivingPost(poster.get());
        if (refusal.isPresent()) {
            REFUSED_ON_ARRIVAL.refused(refusal.get());
            context.writers().submit(poster.get().workKey(), new BusyAnswer(post));
            return false;
        }
        post.admittedOnArrival();
        return true;
    }

    /**
     * Ends a dialog whose client cannot be reached any more (481, no answer, connection gone): the
     * role hears of it at once, in order after what the dialog had queued.
     */
    private void end(Dialog dialog, String reason) {
        if (dialog == null) {
            return;
        }
        openDialogs.remove(dialog);
        stateOf(dialog).ifPresent(state -> {
            state.ending(reason);
            LOG.info(() -> "dialog with " + dialog.getRemoteParty() + " ended: " + reason);
            tellRoleOfEnd(dialog, state);
        });
        dialog.delete();
    }

    private void tellRoleOfEnd(Dialog dialog, DialogState state) {
        if (state.tellRoleOfEnd()) {
            JainSipDialog ended = new JainSipDialog(context, dialog, state);
            queues.submit(state.workKey(), new RoleCall(state.role(), "end of dialog " + dialog.getDialogId(),
                    listener -> listener.onDialogEnded(ended, state.endReason())));
        }
    }

    /**
     * With digest: a REGISTER's credentials must check out (else the 401 challenge or a 403 is sent
     * here), and any other request but OPTIONS must come over a connection a REGISTER signed in, from
     * that connection's own user.
     */
    private boolean passesDigest(JainSipRequest sipRequest, Request request) {
        if (!Request.REGISTER.equals(request.getMethod())) {
            if (Request.OPTIONS.equals(request.getMethod())) {
                return true;
            }
            String sender = sipRequest.from().toString();
            Optional<String> signedIn = registerDigest.signedInUser(sipRequest);
            if (signedIn.filter(sender::equals).isEmpty()) {
                LOG.warning(() -> "403 to " + sipRequest + ": " + signedIn.map(user -> "its connection is signed in as " + user)
                        .orElse("its connection has not signed in") + " (groupchat.front.registration=digest)");
                sipRequest.createResponse(Response.FORBIDDEN).reason(signedIn.isEmpty()
                        ? "Register first: this connection has not signed in"
                        : "This connection is signed in as " + signedIn.get() + ", not " + sender).send();
                return false;
            }
            return true;
        }
        try {
            Optional<RegisterDigest.Refusal> refusal = registerDigest.refusal(sipRequest, request, host);
            refusal.ifPresent(answer -> {
                var response = sipRequest.createResponse(answer.status()).reason(answer.reason());
                if (answer.wwwAuthenticate() != null) {
                    response.header("WWW-Authenticate", answer.wwwAuthenticate());
                }
                response.send();
            });
            return refusal.isEmpty();
        } catch (java.text.ParseException e) {
            LOG.warning(() -> "400 to " + sipRequest + ": unreadable credentials: " + e.getMessage());
            sipRequest.createResponse(Response.BAD_REQUEST).reason("Unreadable Authorization header").send();
            return false;
        }
    }

    /**
     * A role serves users: a request whose From (or asserted identity) or To names no user
     * ({@code sip:example.org}) is answered 400 here, not left to fail in the role unanswered.
     */
    private static boolean namesItsParties(JainSipRequest request) {
        try {
            request.from();
            request.to();
            return true;
        } catch (IllegalArgumentException e) {
            LOG.info(() -> "400 to " + request + ": " + e.getMessage());
            request.answerIfUnanswered(Response.BAD_REQUEST, "From and To must name a user (sip:user@domain): " + e.getMessage());
            return false;
        }
    }

    /**
     * A request that begins something in a user's name: outside any dialog (in one, the user is
     * who its INVITE was from), and neither OPTIONS (about the server) nor REGISTER (which checks
     * its asserted identity against its To itself).
     */
    private static boolean speaksForAUser(Request request) {
        return toTag(request) == null && !Set.of(Request.OPTIONS, Request.REGISTER).contains(request.getMethod());
    }

    /** The built-in front role's requests: registration and the client's own subscriptions. */
    private static boolean isFrontRequest(Request request) {
        return Request.REGISTER.equals(request.getMethod()) || Request.SUBSCRIBE.equals(request.getMethod());
    }

    /** A request outside any dialog for a URI no role serves. */
    private void answerWithoutRole(JainSipRequest request) {
        if (Request.OPTIONS.equals(request.method())) {
            // Proxies ping the server itself with OPTIONS: it is up.
            request.createResponse(Response.OK).header("Allow", SipServlet.ALLOW).send();
            return;
        }
        LOG.info(() -> "404 to " + request + ": no group chat service at that address");
        request.createResponse(Response.NOT_FOUND).reason("No group chat service at " + request.requestUri()).send();
    }

    /** The ACK of an accepted INVITE goes to its role; the ACK of a refusal ends in the stack. */
    private void acknowledge(RequestEvent event) {
        Request request = event.getRequest();
        stateOf(event.getDialog()).ifPresent(DialogState::acknowledged);
        stateOf(event.getDialog()).ifPresent(state -> queues.submit(dialogKey(request),
                new Delivery(state.role(), new JainSipRequest(context, request, null, event.getDialog()))));
    }

    /**
     * Answers a CANCEL at once: 200 to it and 487 to the INVITE if the role has not answered it yet.
     * The role hears of it afterwards, in order with the dialog's other requests.
     */
    private void cancel(RequestEvent event) {
        Request request = event.getRequest();
        ServerTransaction cancelTransaction = event.getServerTransaction();
        if (cancelTransaction == null) {
            return; // the stack has answered 481: no INVITE matches
        }
        JainSipRequest cancel = new JainSipRequest(context, request, cancelTransaction, event.getDialog());
        SIPServerTransaction inviteTransaction = ((SIPServerTransaction) cancelTransaction).getCanceledInviteTransaction();
        JainSipRequest invite = inviteTransaction == null ? null
                : (JainSipRequest) inviteTransaction.getApplicationData();
        if (invite == null) {
            cancel.answerIfUnanswered(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        cancel.answerIfUnanswered(Response.OK, null);
        if (invite.answerIfUnanswered(Response.REQUEST_TERMINATED, null)) {
            LOG.info(() -> "INVITE " + invite.callId() + " from " + invite.from() + " cancelled (487)");
            stateOf(event.getDialog()).ifPresent(state -> queues.submit(dialogKey(request), new Delivery(state.role(), cancel)));
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        int status = response.getStatusCode();
        if (status >= 300) {
            CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
            LOG.info(() -> cseq.getMethod() + " to " + ((ToHeader) response.getHeader(ToHeader.NAME)).getAddress()
                    + " in call " + callId(response) + " answered " + status + " " + response.getReasonPhrase());
        }
        if (status == Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST || status == Response.REQUEST_TIMEOUT) {
            // the client no longer knows this dialog (RFC 3261 12.2.1.2): it is over
            end(event.getDialog(), "the client answered " + status + " " + response.getReasonPhrase());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()) {
            ClientTransaction transaction = event.getClientTransaction();
            LOG.info(() -> transaction.getRequest().getMethod() + " to "
                    + ((ToHeader) transaction.getRequest().getHeader(ToHeader.NAME)).getAddress()
                    + " timed out: the client did not answer");
            end(transaction.getDialog(), "the client did not answer");
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.info(() -> "SIP transport to " + event.getTransport() + ":" + event.getHost() + ":" + event.getPort() + " failed");
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // transactions end on their own; nothing of ours to release
    }

    /**
     * The stack sent our 200 to an INVITE for 32 s without seeing its ACK. A client that has sent
     * requests in the dialog since has had the 200 (they carry its tag), so its session is kept:
     * under load JAIN-SIP sometimes lets an ACK that came at once go past the dialog, and ending
     * the session would throw a working client out mid-chat. One that has done nothing is gone.
     */
    @Override
    public void processDialogTimeout(DialogTimeoutEvent event) {
        Dialog dialog = event.getDialog();
        Optional<DialogState> state = stateOf(dialog);
        if (event.getReason() == DialogTimeoutEvent.Reason.AckNotReceived
                && state.map(DialogState::hasTalkedInDialog).orElse(false)) {
            LOG.info(() -> "dialog with " + dialog.getRemoteParty() + ": the stack saw no ACK of its 200 (the adapter "
                    + (state.get().isAcknowledged() ? "did" : "did not") + "), but the client talks in the dialog: kept");
            return;
        }
        end(dialog, switch (event.getReason()) {
            case AckNotReceived -> "the client never acknowledged the session (no ACK to the 200)";
            default -> "the stack gave up on the dialog (" + event.getReason() + ")";
        });
    }

    /** A dialog the stack itself ended (for example an INVITE never acknowledged). */
    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        Dialog dialog = event.getDialog();
        openDialogs.remove(dialog);
        stateOf(dialog).ifPresent(state -> tellRoleOfEnd(dialog, state));
    }

    private static Optional<DialogState> stateOf(Dialog dialog) {
        return dialog != null && dialog.getApplicationData() instanceof DialogState state
                ? Optional.of(state) : Optional.empty();
    }

    private static String toTag(Request request) {
        return ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
    }

    /**
     * The key that keeps a dialog's requests in order: the Call-ID and the client's tag, which its
     * INVITE and every later request share.
     */
    private static String dialogKey(Request request) {
        return callId(request) + ";" + ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
    }

    private static String callId(javax.sip.message.Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    /** Hands one request to its role's message-driven bean, on a work thread. */
    private static final class Delivery implements DialogWorkQueues.DialogTask {
        private final RoleEndpoint role;
        private final JainSipRequest request;

        Delivery(RoleEndpoint role, JainSipRequest request) {
            this.role = role;
            this.request = request;
        }

        @Override
        public void run() {
            boolean needsAnswer = !request.isAnswered();
            if (!needsAnswer && !Request.ACK.equals(request.method()) && !Request.CANCEL.equals(request.method())) {
                return; // cancelled before its turn came
            }
            if (!RoleCall.invoke(role, request.toString(), listener -> listener.onRequest(request))) {
                reject("the " + role.role() + " service is not available");
                return;
            }
            if (needsAnswer && request.answerIfUnanswered(Response.SERVER_INTERNAL_ERROR, null)) {
                LOG.severe(() -> "the " + role.role() + " role left " + request + " unanswered: answered 500");
            }
        }

        @Override
        public void reject(String reason) {
            if (request.answerIfUnanswered(Response.SERVICE_UNAVAILABLE, reason)) {
                LOG.warning(() -> "503 to " + request + ": " + reason);
            }
        }
    }

    /** The 503 to a post refused as it arrived. */
    private record BusyAnswer(JainSipRequest post) implements DialogWorkQueues.DialogTask {

        @Override
        public void run() {
            post.answerBusy();
        }

        @Override
        public void reject(String reason) {
            LOG.fine(() -> "no 503 to " + post + ": " + reason);
        }
    }

    /** One call on a role's message-driven bean, through an endpoint of its own. */
    private record RoleCall(RoleEndpoint role, String what, Consumer<SipRequestListener> call)
            implements DialogWorkQueues.DialogTask {

        @Override
        public void run() {
            if (!invoke(role, what, call)) {
                LOG.warning(() -> "the " + role.role() + " service is not available for " + what);
            }
        }

        @Override
        public void reject(String reason) {
            LOG.warning(() -> "the " + role.role() + " role not told of " + what + ": " + reason);
        }

        /** False when the role's bean cannot be reached (the application is stopping). */
        static boolean invoke(RoleEndpoint role, String what, Consumer<SipRequestListener> call) {
            MessageEndpoint endpoint;
            try {
                endpoint = role.factory().createEndpoint(null);
            } catch (UnavailableException e) {
                return false;
            }
            try {
                call.accept((SipRequestListener) endpoint);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the " + role.role() + " role failed on " + what, e);
            } finally {
                endpoint.release();
            }
            return true;
        }
    }
}
