package org.groupchat.sip.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RegistrationRateTest {

    private final MovableClock clock = new MovableClock();
    private final RegistrationRate rate = new RegistrationRate(clock, 3);

    @Test
    void anAddressGetsItsShareAMinuteAndOthersTheirOwn() {
        assertTrue(rate.admit("10.0.0.1"));
        assertTrue(rate.admit("10.0.0.1"));
        assertTrue(rate.admit("10.0.0.1"));
        assertFalse(rate.admit("10.0.0.1"));
        assertTrue(rate.admit("10.0.0.2"));
    }

    @Test
    void theShareComesBackWhenTheMinuteIsOver() {
        for (int i = 0; i < 4; i++) {
            rate.admit("10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(45));
        assertFalse(rate.admit("10.0.0.1"));
        assertEquals(15, rate.secondsLeft("10.0.0.1"));
        clock.advance(Duration.ofSeconds(15));
        assertTrue(rate.admit("10.0.0.1"));
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
