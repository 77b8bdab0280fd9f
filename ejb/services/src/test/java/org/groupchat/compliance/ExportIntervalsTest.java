package org.groupchat.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExportIntervalsTest {

    @Test
    void anIntervalIsTheSameFixedSliceOfTimeWheneverItIsCut() {
        Duration quarter = Duration.ofMinutes(15);
        Instant start = Instant.parse("2026-12-01T10:15:00Z");
        assertEquals(start, ComplianceExportRun.intervalStart(start, quarter));
        assertEquals(start, ComplianceExportRun.intervalStart(Instant.parse("2026-12-01T10:22:31.123456Z"), quarter));
        assertEquals(start, ComplianceExportRun.intervalStart(Instant.parse("2026-12-01T10:29:59.999999Z"), quarter));
        assertEquals(start.plus(quarter), ComplianceExportRun.intervalStart(Instant.parse("2026-12-01T10:30:00Z"), quarter));
    }

    @Test
    void intervalsBeforeTheEpochAreCutAlike() {
        assertEquals(Instant.parse("1969-12-31T23:59:58Z"),
                ComplianceExportRun.intervalStart(Instant.parse("1969-12-31T23:59:59.5Z"), Duration.ofSeconds(2)));
    }
}
