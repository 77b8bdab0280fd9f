package org.groupchat.sip.stack;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many of the clients' answers come late: the share of the answers of the last window that
 * came more than a limit after the INFO they answer was written. A share, not the shortest delay:
 * a client reads what waits on its connection in one go and answers it all at once, so the
 * freshest answer of a read says nothing of how long the oldest waited, and with the clients on
 * a few busy processes (a proxy, or the benchmark's load client) some answer at once while the
 * rest are seconds behind. A share, not the longest: one slow client among hundreds is a small
 * share, its own limits end it, and it is no reason to refuse everyone's posts.
 */
public final class LateAnswers {

    private final long windowNanos;
    private final long limitNanos;
    private final AtomicLong windowStart;
    private final LongAdder answered = new LongAdder();
    private final LongAdder late = new LongAdder();
    private volatile double lateShare;

    public LateAnswers(Duration window, Duration limit, long nowNanos) {
        this.windowNanos = window.toNanos();
        this.limitNanos = limit.toNanos();
        this.windowStart = new AtomicLong(nowNanos);
    }

    /** One answer that came {@code delayNanos} after its INFO was written, at {@code nowNanos} ({@link System#nanoTime()}). */
    public void record(long delayNanos, long nowNanos) {
        long start = windowStart.get();
        if (nowNanos - start > windowNanos && windowStart.compareAndSet(start, nowNanos)) {
            long all = answered.sumThenReset();
            long tardy = late.sumThenReset();
            // a window that went quiet before this answer closed it is old news
            lateShare = all == 0 || quietSince(start, nowNanos) ? 0 : (double) tardy / all;
        }
        answered.increment();
        if (delayNanos > limitNanos) {
            late.increment();
        }
    }

    /** The share of late answers (0 to 1), as the last window that ended left it. */
    public double share() {
        return lateShare;
    }

    /** Nothing has been answered for two windows or more. */
    public boolean quiet(long nowNanos) {
        return quietSince(windowStart.get(), nowNanos);
    }

    /** Two windows or more since {@code start}; a zero window (every answer its own) never goes quiet. */
    private boolean quietSince(long start, long nowNanos) {
        return windowNanos > 0 && nowNanos - start > 2 * windowNanos;
    }
}
