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
    private static final String POSTER_BEHIND = "the poster's client has not yet read what was sent to it";
    private static final String FASTER_THAN_KEPT_UP = "posts come faster than it has lately kept up with";

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
     * Why a post is refused as it arrives, before it is queued, if it is (its poster is known by
     * {@link PostMark}); counts it when it is taken. A poster whose own client lags behind what is
     * sent to it is refused: what it adds would only grow everyone's backlog, its own included.
     * Once behind, the server takes posts at the rate it has lately kept up with
     * ({@link PostRate}) rather than none until it has caught up; far behind (its own queues at
     * twice the limit, or full) it takes none. Refused here, a post costs a 503; refused after its
     * turn on a worker, it costs that turn, the role's bean and its body's parse as well (at twice
     * the server's capacity most posts are refused).
     */
    Optional<String> admitArrivingPost(DialogState poster) {
        if (isBehind(poster)) {
            return Optional.of(POSTER_BEHIND);
        }
        return takeAtRate(overload(), System.nanoTime());
    }

    /**
     * Why a new post, received at {@code receivedNanos}, is refused now on its turn, if it is.
     * While behind, a post that already waited longer than the limit for its turn (behind its
     * poster's earlier requests) is refused, so that what is taken is still delivered in good
     * time; a post that waited while the server keeps up (its client's join still being answered,
     * a cold start) is taken. A post not {@code admittedOnArrival} (no {@link PostMark} knew it)
     * goes through the arrival's checks here, but for the poster's own lag, which its role checks.
     */
    Optional<String> admitPost(long receivedNanos, boolean admittedOnArrival) {
        long now = System.nanoTime();
        Optional<String> behind = overload();
        Duration limit = limits.maxQueueDelay();
        if (behind.isPresent() && now - receivedNanos > limit.toNanos()) {
            return Optional.of("the post waited more than " + limit.toMillis() + " ms for its turn");
        }
        return admittedOnArrival ? Optional.empty() : takeAtRate(behind, now);
    }

    /** The post taken at the rate, or why not: {@code behind}, if the server is, and far behind. */
    private Optional<String> takeAtRate(Optional<String> behind, long now) {
        if (behind.isPresent() && farBehind()) {
            postRate.refuse(now);
            return behind;
        }
        return postRate.take(behind.isPresent(), now) ? Optional.empty() : Optional.of(FASTER_THAN_KEPT_UP);
    }

    /**
     * Whether the dialog's client lags behind: more of its requests and of what is sent to it wait
     * than an eighth of what a dialog may have queued.
     */
    boolean isBehind(DialogState dialog) {
        return queuedFor(dialog) >= Math.max(1, limits.maxQueuedPerDialog() / 8);
    }

    /** What the dialog has waiting or under way: its requests to handle and its sends. */
    int queuedFor(DialogState dialog) {
        return queues.queuedFor(dialog.workKey()) + writers.queuedFor(dialog.workKey());
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
