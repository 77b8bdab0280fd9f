package org.groupchat.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Times as the APIs take them: an ISO-8601 instant (2026-11-24T10:15:30Z) or a date (2026-11-24), its start in UTC. */
public final class Times {

    private Times() {
    }

    /** @throws DateTimeParseException when it is neither; each API words its own refusal */
    public static Instant instantOrDate(String value) {
        String trimmed = value.trim();
        return trimmed.length() == 10 ? LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(trimmed);
    }
}
