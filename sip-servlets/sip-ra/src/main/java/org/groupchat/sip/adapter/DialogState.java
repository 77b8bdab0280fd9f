package org.groupchat.sip.adapter;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.groupchat.sip.SipUri;

/**
 * What the adapter keeps with each JAIN-SIP dialog (as its application data): the role that
 * answers it, where the client's connection is, the role's own attributes for the dialog, and
 * whether (and why) it has ended.
 */
final class DialogState {

    private final RoleEndpoint role;
    private final SipUri invited;
    private final PeerAddress peer;
    private final String workKey;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicReference<String> endReason = new AtomicReference<>();
    private final AtomicBoolean roleToldOfEnd = new AtomicBoolean();
    private volatile long lastHeardNanos = System.nanoTime();

    /**
     * @param role    the role that accepted the dialog's INVITE
     * @param invited the URI the client invited: the local party of the dialog
     * @param peer    the transport address the INVITE came from: requests to the client go there
     * @param workKey the dialog's work queue: its requests, and what we send in it, run there in order
     */
    DialogState(RoleEndpoint role, SipUri invited, PeerAddress peer, String workKey) {
        this.role = role;
        this.invited = invited;
        this.peer = peer;
        this.workKey = workKey;
    }

    RoleEndpoint role() {
        return role;
    }

    SipUri invited() {
        return invited;
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

    /** A transport address of a client: where its packets came from, over which transport. */
    record PeerAddress(String transport, String host, int port) {
        @Override
        public String toString() {
            return transport + ":" + host + ":" + port;
        }
    }
}
