package org.groupchat.sip.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PostRateTest {

    private static final long MS = 1_000_000L;

    /** Offers {@code perSecond} posts a second, evenly, for {@code millis}; returns how many were taken. */
    private static int offer(PostRate rate, long[] clock, int perSecond, long millis, boolean behind) {
        int taken = 0;
        long gap = 1_000_000_000L / perSecond;
        for (long end = clock[0] + millis * MS; clock[0] < end; clock[0] += gap) {
            if (rate.take(behind, clock[0])) {
                taken++;
            }
        }
        return taken;
    }

    @Test
    void aServerThatKeepsUpTakesEveryPost() {
        long[] clock = {0};
        PostRate rate = new PostRate(clock[0]);
        assertEquals(5_000, offer(rate, clock, 5_000, 1_000, false));
        assertEquals(Double.POSITIVE_INFINITY, rate.limit());
    }

    @Test
    void fallingBehindCutsTheRateToWhatWasTakenLatelyAndOnlyOnceASecond() {
        long[] clock = {0};
        PostRate rate = new PostRate(clock[0]);
        offer(rate, clock, 400, 2_000, false);
        offer(rate, clock, 400, 1, true);
        double cut = rate.limit();
        assertTrue(cut > 250 && cut < 350, "cut to " + cut);
        int taken = offer(rate, clock, 400, 900, true);
        assertEquals(cut, rate.limit(), "a second cut within the second");
        assertTrue(taken > 0.8 * cut * 0.9 && taken < 1.1 * cut * 0.9 + 40, "taken in 0.9 s: " + taken);
        offer(rate, clock, 400, 200, true);
        assertTrue(rate.limit() < 0.8 * cut, "cut again after a second: " + rate.limit());
    }

    @Test
    void keepingUpRaisesTheRateAndALightLoadEndsIt() {
        long[] clock = {0};
        PostRate rate = new PostRate(clock[0]);
        offer(rate, clock, 400, 2_000, false);
        offer(rate, clock, 400, 1, true);
        double cut = rate.limit();
        offer(rate, clock, 400, 2_000, false);
        assertTrue(rate.limit() > 1.1 * cut, "raised from " + cut + " to " + rate.limit());
        offer(rate, clock, 20, 2_000, false);
        assertEquals(Double.POSITIVE_INFINITY, rate.limit());
        assertEquals(400, offer(rate, clock, 400, 1_000, false));
    }

    @Test
    void aServerBehindForLongStillTakesAPostASecond() {
        long[] clock = {0};
        PostRate rate = new PostRate(clock[0]);
        offer(rate, clock, 100, 1_000, false);
        int taken = offer(rate, clock, 100, 60_000, true);
        assertEquals(1, rate.limit());
        assertTrue(taken >= 60 && taken < 400, "taken in a minute: " + taken);
        assertFalse(rate.take(true, clock[0]));
    }
}
