package org.groupchat.sip.adapter;

import java.util.Map;
import java.util.Optional;
import org.groupchat.config.GroupchatSettings;

import java.time.Duration;
import javax.sip.Dialog;

/**
 * What the request and dialog views need of the adapter: the stack, the dialogs' work queues and
 * their writers (what is pushed to clients over TCP and TLS waits there for the connection), the
 * way to end a dialog whose client is gone, the session interval clients must refresh within
 * (zero: no session timer), the limits on what is queued for clients, the writes to clients'
 * connections under way (whatever the state of their dialog, a write that blocks too long is ended),
 * and the rate of posts taken while the server is behind.
 */
record AdapterContext(SipStackHost host, DialogWorkQueues queues, DialogWorkQueues writers, DialogEnder ender,
        Duration sessionExpires, GroupchatSettings.SendLimits limits, Map<DialogState, Dialog> writesInProgress, PostRate postRate) {

    /**
     * Past one late answer in this many the clients as a whole are behind, not one slow client (one
     * of twenty or more in a room is under it; one that stopped reading answers nothing).
     */
    private static final int LATE_ANSWERS_ONE_IN = 20;

    /**
     * Work waits longer in the queues than the limit, more than a few of the clients' answers to
     * what was pushed to them come later than that (the backlog has moved past the server's queues
     * into the sockets' buffers and the clients' own), or more is queued than the server could
     * write in good time: new work that can wait is refused, not queued. The delay is what clients
     * feel, whatever the server's speed at the moment (a cold JIT, a slow disk, clients starved of
     * CPU).
     */
    boolean overloaded() {
        return overload().isPresent();
    }

    /**
     * Which of the limits above is passed, first found, in words an operator can act on (no
     * figures, so that a log can count refusals by reason); empty when none is.
     */
    Optional<String> overload() {
        Duration limit = limits.maxQueueDelay();
        if (queues.delay().compareTo(limit) > 0) {
            return Optional.of("requests wait more than " + limit.toMillis() + " ms for a SIP worker");
        }
        if (writers.delay().compareTo(limit) > 0) {
            return Optional.of("messages to clients wait more than " + limit.toMillis() + " ms to be written");
        }
        if (host.lateAnswerShare() > 1.0 / LATE_ANSWERS_ONE_IN) {
            return Optional.of("more than 1 in " + LATE_ANSWERS_ONE_IN + " of the clients' answers come more than "
                    + limit.toMillis() + " ms after what they answer was sent");
        }
        if (queuedPastLimit()) {
            return Optional.of("more than " + limits.maxQueued() + " requests and messages are queued");
        }
        return Optional.empty();
    }

    /**
     * Why a new post, received at {@code receivedNanos}, is refused now, if it is; counts it when it
     * is taken. Once behind, the server takes posts at the rate it has lately kept up with
     * ({@link PostRate}) rather than none until it has caught up, and refuses a post that already
     * waited longer than the limit for its turn (behind its poster's earlier requests), so that
     * what it takes is still delivered in good time; far behind (its own queues at twice the
     * limit, or full) it takes none. A post that waited while the server keeps up (its client's
     * join still being answered, a cold start) is taken.
     */
    Optional<String> admitPost(long receivedNanos) {
        long now = System.nanoTime();
        Optional<String> behind = overload();
        if (behind.isPresent()) {
            Duration limit = limits.maxQueueDelay();
            if (now - receivedNanos > limit.toNanos()) {
                return Optional.of("the post waited more than " + limit.toMillis() + " ms for its turn");
            }
            if (farBehind()) {
                postRate.refuse(now);
                return behind;
            }
        }
        if (postRate.take(behind.isPresent(), now)) {
            return Optional.empty();
        }
        return Optional.of("posts come faster than it has lately kept up with");
    }

    private boolean farBehind() {
        Duration far = limits.maxQueueDelay().multipliedBy(2);
        return queues.delay().compareTo(far) > 0 || writers.delay().compareTo(far) > 0 || queuedPastLimit();
    }

    private boolean queuedPastLimit() {
        return queues.queued() + writers.queued() > limits.maxQueued();
    }

    /** Ends dialogs whose client can no longer be reached; their role is told once, with the reason. */
    interface DialogEnder {
        void end(Dialog dialog, String reason);
    }
}
