package org.groupchat.sip.front;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.groupchat.config.GroupchatSettings;

/**
 * How many REGISTERs each source address may send a minute
 * ({@code groupchat.front.max-registrations-per-minute}): a client refreshes once an hour, so a
 * flood from one address is refused (503 with Retry-After) before it reaches the registrations.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RegistrationRate {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perMinute;

    public RegistrationRate() {
        this(Clock.systemUTC(), GroupchatSettings.current().frontMaxRegistrationsPerMinute());
    }

    RegistrationRate(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** Counts one REGISTER from that address; false when it is over its share this minute. */
    public boolean admit(String address) {
        Instant now = clock.instant();
        if (windows.size() > 10_000) {
            windows.values().removeIf(window -> window.isOver(now));
        }
        Window window = windows.compute(address, (key, old) -> old == null || old.isOver(now) ? new Window(now, 1) : old.plusOne());
        return window.count() <= perMinute;
    }

    /** Seconds until the address's window ends, for Retry-After. */
    public long secondsLeft(String address) {
        Window window = windows.get(address);
        return window == null ? 0 : Math.max(1, Duration.between(clock.instant(), window.start().plus(WINDOW)).toSeconds());
    }

    private record Window(Instant start, int count) {
        boolean isOver(Instant now) {
            return !now.isBefore(start.plus(WINDOW));
        }

        Window plusOne() {
            return new Window(start, count + 1);
        }
    }
}
