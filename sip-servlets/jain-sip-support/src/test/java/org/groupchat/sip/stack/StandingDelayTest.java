package org.groupchat.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StandingDelayTest {

    private static final long MS = 1_000_000L;

    @Test
    void theShortestDelayOfAWindowStandsOnceTheNextWindowStarts() {
        StandingDelay delay = new StandingDelay(Duration.ofMillis(100), 0);
        delay.record(400 * MS, 10 * MS);
        delay.record(350 * MS, 50 * MS);
        delay.record(900 * MS, 90 * MS);
        assertEquals(Duration.ZERO, delay.current(), "the first window has not ended");

        delay.record(500 * MS, 120 * MS);

        assertEquals(Duration.ofMillis(350), delay.current());
    }

    @Test
    void oneSlowItemAmongQuickOnesIsNoStandingQueue() {
        StandingDelay delay = new StandingDelay(Duration.ofMillis(100), 0);
        delay.record(5_000 * MS, 10 * MS); // a client that stopped reading
        delay.record(2 * MS, 20 * MS);
        delay.record(5_000 * MS, 150 * MS);

        assertEquals(Duration.ofMillis(2), delay.current());
    }

    @Test
    void theReadingGrowsOldWhenNothingIsMeasuredForTwoWindows() {
        StandingDelay delay = new StandingDelay(Duration.ofMillis(100), 0);
        delay.record(400 * MS, 150 * MS);

        assertFalse(delay.quiet(340 * MS));
        assertTrue(delay.quiet(360 * MS));
        assertEquals(Duration.ofMillis(400), delay.current(), "the reading itself stays until the next one");
    }
}
