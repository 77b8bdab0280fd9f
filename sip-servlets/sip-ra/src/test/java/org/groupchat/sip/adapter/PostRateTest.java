package org.groupchat.sip.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostRateTest {

    private static final long MS = 1_000_000L;

    private long now;
    private final PostRate rate = new PostRate(now);

    /** Offers {@code perSecond} posts a second, evenly, for {@code millis}; returns how many were taken. */
    private int offer(int perSecond, long millis, boolean behind) {
        int taken = 0;
        long gap = 1_000_000_000L / perSecond;
        for (long end = now + millis * MS; now < end; now += gap) {
            if (rate.take(behind, now)) {
                taken++;
            }
        }
        return taken;
    }

    /** Two seconds of 400 posts a second kept up with, then one post while behind: the rate it cut to. */
    private double behindAfter400ASecond() {
        offer(400, 2_000, false);
        offer(400, 1, true);
        return rate.limit();
    }

    @Test
    void aServerThatKeepsUpTakesEveryPost() {
        assertEquals(5_000, offer(5_000, 1_000, false));
        assertEquals(Double.POSITIVE_INFINITY, rate.limit());
    }

    @Test
    void fallingBehindCutsTheRateToWhatWasTakenLatelyAndOnlyOnceASecond() {
        double cut = behindAfter400ASecond();
        assertTrue(cut > 250 && cut < 350, "cut to " + cut);
        int taken = offer(400, 900, true);
        assertEquals(cut, rate.limit(), "a second cut within the second");
        assertTrue(taken > 0.8 * cut * 0.9 && taken < 1.1 * cut * 0.9 + 40, "taken in 0.9 s: " + taken);
        offer(400, 200, true);
        assertTrue(rate.limit() < 0.8 * cut, "cut again after a second: " + rate.limit());
    }

    @Test
    void keepingUpRaisesTheRateAndALightLoadEndsIt() {
        double cut = behindAfter400ASecond();
        offer(400, 2_000, false);
        assertTrue(rate.limit() > 1.1 * cut, "raised from " + cut + " to " + rate.limit());
        offer(20, 2_000, false);
        assertEquals(Double.POSITIVE_INFINITY, rate.limit());
        assertEquals(400, offer(400, 1_000, false));
    }

    @Test
    void aServerBehindForLongStillTakesAPostASecond() {
        offer(100, 1_000, false);
        int taken = offer(100, 60_000, true);
        assertEquals(1, rate.limit());
        assertTrue(taken >= 60 && taken < 400, "taken in a minute: " + taken);
        assertFalse(rate.take(true, now));
    }

    @Test
    void aPostRefusedFarBehindStillCountsAsOfferedAndCuts() {
        offer(400, 2_000, false);
        rate.refuse(now);
        double cut = rate.limit();
        assertTrue(cut > 250 && cut < 350, "cut to " + cut);
        for (int i = 0; i < 30; i++) {
            now += 100 * MS;
            rate.refuse(now);
        }
        assertTrue(rate.limit() < cut, "the offered posts keep the rate: " + rate.limit());
    }
}
