package org.groupchat.sip.stack;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delay that everything measured in the last window met at least: a queue that stands (every
 * item waits) rather than a few items that waited (those of one slow client). CoDel's measure
 * (RFC 8289), roughly kept: the shortest delay of a window, taken when the next window starts.
 * The last reading stays until something is measured again; {@link #quiet} tells the caller when
 * that reading has grown old.
 */
public final class StandingDelay {

    private final long windowNanos;
    private final AtomicLong windowStart;
    private final AtomicLong windowMinimum = new AtomicLong(Long.MAX_VALUE);
    private volatile long standingNanos;

    public StandingDelay(Duration window, long nowNanos) {
        this.windowNanos = window.toNanos();
        this.windowStart = new AtomicLong(nowNanos);
    }

    /** One item that waited {@code delayNanos}, measured at {@code nowNanos} ({@link System#nanoTime()}). */
    public void record(long delayNanos, long nowNanos) {
        long start = windowStart.get();
        if (nowNanos - start > windowNanos && windowStart.compareAndSet(start, nowNanos)) {
            long minimum = windowMinimum.getAndSet(delayNanos);
            standingNanos = Math.min(minimum, delayNanos);
            return;
        }
        windowMinimum.accumulateAndGet(delayNanos, Math::min);
    }

    /** The standing delay, as the last window that ended left it. */
    public Duration current() {
        return Duration.ofNanos(standingNanos);
    }

    /** Nothing has been measured for two windows or more. */
    public boolean quiet(long nowNanos) {
        return nowNanos - windowStart.get() > 2 * windowNanos;
    }
}
