package org.groupchat.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Post-to-delivery times, kept whole (up to a capacity) so that percentiles are exact. */
final class Latencies {

    private final long[] nanos;
    private final AtomicInteger count = new AtomicInteger();

    Latencies(int capacity) {
        nanos = new long[Math.max(capacity, 1)];
    }

    void add(long latencyNanos) {
        int index = count.getAndIncrement();
        if (index < nanos.length) {
            nanos[index] = latencyNanos;
        }
    }

    /** Milliseconds at the given percentile (0 to 100) of what was recorded. */
    double percentileMillis(double percentile) {
        long[] sorted = Arrays.copyOf(nanos, Math.min(count.get(), nanos.length));
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1_000_000.0;
    }
}
