package org.groupchat.sip.adapter;

import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPDialog;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.groupchat.sip.SipUri;
import org.groupchat.sip.stack.AnswerRetransmissions;
import org.groupchat.sip.stack.DialogOrigin;

/**
 * What the adapter keeps with each JAIN-SIP dialog (as its application data): the role that
 * answers it, where the client's connection is (which requests in the dialog must come from), the
 * role's own attributes for the dialog, and whether (and why) it has ended.
 */
final class DialogState implements DialogOrigin {

    private final RoleEndpoint role;
    private final SipUri invited;
    private final SipUri user;
    private final PeerAddress peer;
    private final String workKey;
    /** The connection the INVITE came over (JAIN-SIP's channel for it). */
    private final MessageChannel channel;
    /** When the write in progress to the client began (System.nanoTime), or 0 when none is. */
    private volatile long writingSince;
    /** Set once the dialog's queue overflowed: it is being ended. */
    private final AtomicBoolean overflowed = new AtomicBoolean();
    /** How INFOs are pushed in the dialog: built at the first one, then the same; guarded by this. */
    private Optional<PushedInfo> pushedInfo;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicReference<String> endReason = new AtomicReference<>();
    private final AtomicBoolean roleToldOfEnd = new AtomicBoolean();
    private volatile long lastHeardNanos = System.nanoTime();
    /** The client has sent a request in the dialog (it knows our tag): it has our 200 to its INVITE. */
    private volatile boolean talkedInDialog;
    private volatile boolean acknowledged;
    /** The ACK was read off the connection (before the stack's event thread got to it). */
    private volatile boolean ackArrived;
    /** Our 2xx to the INVITE is out (JAIN-SIP's timer that resends it is running). */
    private volatile boolean inviteAnswered;
    private final AtomicBoolean retransmissionsStopped = new AtomicBoolean();

    /**
     * @param role    the role that accepted the dialog's INVITE
     * @param invited the URI the client invited: the local party of the dialog
     * @param user    who the INVITE was from, by the identity policy ({@link JainSipRequest#from()})
     * @param peer    the transport address the INVITE came from: requests to the client go there
     * @param workKey the dialog's work queue: its requests, and what we send in it, run there in order
     * @param channel the connection (or UDP socket) the INVITE came over
     */
    DialogState(RoleEndpoint role, SipUri invited, SipUri user, PeerAddress peer, String workKey, MessageChannel channel) {
        this.role = role;
        this.invited = invited;
        this.user = user;
        this.peer = peer;
        this.workKey = workKey;
        this.channel = channel;
    }

    /** The dialog's pushed INFOs, or empty when JAIN-SIP sends them (UDP, a route set). Call holding this state's lock. */
    Optional<PushedInfo> pushedInfo(SIPDialog dialog) {
        if (pushedInfo == null) {
            pushedInfo = PushedInfo.of(dialog, channel);
        }
        return pushedInfo;
    }

    RoleEndpoint role() {
        return role;
    }

    SipUri invited() {
        return invited;
    }

    /** The dialog's user: every request in it is this user's. */
    SipUri user() {
        return user;
    }

    PeerAddress peer() {
        return peer;
    }

    String workKey() {
        return workKey;
    }

    Map<String, Object> attributes() {
        return attributes;
    }

    /** The client sent something in the dialog: its session is alive. */
    void heardFrom() {
        lastHeardNanos = System.nanoTime();
    }

    /** A write to the client's connection begins ({@code true}) or is over. */
    void writing(boolean begins) {
        writingSince = begins ? Math.max(1, System.nanoTime()) : 0;
    }

    /** How long the write in progress has been blocked, zero when none is. */
    Duration blockedWrite() {
        long since = writingSince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    /** Closes the connection the INVITE came over (a blocked write to it fails at once). */
    void closeConnection() {
        if (channel != null && channel.isReliable()) {
            channel.close();
        }
    }

    /** True the first time only: the dialog's queue has overflowed. */
    boolean overflows() {
        return overflowed.compareAndSet(false, true);
    }

    /** The client sent a request in the dialog after its INVITE (with the tag of our 200). */
    void talkedInDialog() {
        talkedInDialog = true;
        heardFrom();
    }

    boolean hasTalkedInDialog() {
        return talkedInDialog;
    }

    /** The INVITE's ACK reached the adapter. */
    void acknowledged() {
        acknowledged = true;
        heardFrom();
    }

    @Override
    public void ackArrived(SIPDialog dialog) {
        ackArrived = true;
        stopRetransmissionsOnceBothHappened(dialog);
    }

    /** Our 2xx to the INVITE has been sent. */
    void inviteAnswered(SIPDialog dialog) {
        inviteAnswered = true;
        stopRetransmissionsOnceBothHappened(dialog);
    }

    /**
     * JAIN-SIP writes the 200 to an INVITE and only then starts the timer that resends it until the
     * ACK: an ACK read in between stops no timer and is not recorded, and the 200 went out again
     * for 32 s (sipp aborted on the second 200). Whichever of the two comes second stops the timer;
     * the ACK counts when it is read, not when the stack's one event thread delivers it (under load
     * that came after the first resend).
     */
    private void stopRetransmissionsOnceBothHappened(SIPDialog dialog) {
        if (ackArrived && inviteAnswered && dialog != null && retransmissionsStopped.compareAndSet(false, true)) {
            AnswerRetransmissions.stop(dialog);
        }
    }

    boolean isAcknowledged() {
        return acknowledged;
    }

    /** How long since the client last sent anything in the dialog. */
    Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos);
    }

    /** Records why the dialog ends; the first reason given wins. */
    void ending(String reason) {
        endReason.compareAndSet(null, reason);
    }

    String endReason() {
        String reason = endReason.get();
        return reason == null ? "the session ended" : reason;
    }

    /** True the first time only: the role hears of the end once. */
    boolean tellRoleOfEnd() {
        return roleToldOfEnd.compareAndSet(false, true);
    }

    /**
     * A request in the dialog must come from where its INVITE came from: the same transport and
     * host, and over TCP or TLS the same connection, unless a proxy is in the path ({@code routed}:
     * a proxy may reach us over another of its connections). Call-ID and tags are no secret (any
     * proxy on the way sees them): without this, anyone who learnt them could post as the user.
     * Over UDP the port may change (a NAT rebinding); a UDP source address proves little anyway.
     */
    @Override
    public boolean admits(String transport, String host, int port, boolean routed) {
        if (!peer.transport().equalsIgnoreCase(transport) || !peer.host().equals(host)) {
            return false;
        }
        return routed || "udp".equalsIgnoreCase(peer.transport()) || peer.port() == port;
    }

    /** A transport address of a client: where its packets came from, over which transport. */
    record PeerAddress(String transport, String host, int port) {
        @Override
        public String toString() {
            return transport + ":" + host + ":" + port;
        }
    }
}
