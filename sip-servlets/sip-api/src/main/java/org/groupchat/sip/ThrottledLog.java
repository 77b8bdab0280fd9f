package org.groupchat.sip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * A warning that may come thousands of times a second (every post refused under overload): one
 * line at most every few seconds, with how many there were and why, instead of a flood that would
 * itself slow the server down.
 */
public final class ThrottledLog {

    private static final long EVERY_NANOS = 5_000_000_000L;

    private final Logger log;
    private final String what;
    private final Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final AtomicLong lastLine = new AtomicLong(System.nanoTime() - EVERY_NANOS);

    public ThrottledLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    public void refused(String reason) {
        reasons.computeIfAbsent(reason, r -> new LongAdder()).increment();
        long last = lastLine.get();
        long now = System.nanoTime();
        if (now - last >= EVERY_NANOS && lastLine.compareAndSet(last, now)) {
            StringBuilder line = new StringBuilder(what).append(" in the last ").append((now - last) / 1_000_000_000L).append(" s:");
            reasons.forEach((why, count) -> {
                long n = count.sumThenReset();
                if (n > 0) {
                    line.append(' ').append(n).append(" because ").append(why).append(';');
                }
            });
            log.warning(line.toString());
        }
    }
}
