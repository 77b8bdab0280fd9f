package org.groupchat.sip.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LateAnswersTest {

    private static final long MS = 1_000_000L;

    /** As the server counts them, from time 0. */
    private static LateAnswers windowsOf100MsLateAfter300Ms() {
        return new LateAnswers(Duration.ofMillis(100), Duration.ofMillis(300), 0);
    }

    @Test
    void theShareOfAWindowStandsOnceTheNextWindowStarts() {
        LateAnswers answers = windowsOf100MsLateAfter300Ms();
        answers.record(400 * MS, 10 * MS);
        answers.record(2 * MS, 50 * MS);
        answers.record(900 * MS, 60 * MS);
        answers.record(300 * MS, 90 * MS); // at the limit is not past it
        assertEquals(0.0, answers.share(), "the first window has not ended");

        answers.record(5 * MS, 120 * MS);

        assertEquals(0.5, answers.share());
    }

    @Test
    void aReadAnsweredAtOnceStillCountsItsOldestAnswersLate() {
        // a client behind by a second reads its connection in one go and answers everything in it:
        // its freshest answer is quick, but most of what it answers waited
        LateAnswers answers = windowsOf100MsLateAfter300Ms();
        for (long waited = 1_000; waited >= 0; waited -= 10) {
            answers.record(waited * MS, 50 * MS);
        }
        answers.record(1 * MS, 150 * MS);

        assertEquals(70.0 / 101, answers.share(), 1e-9);
    }

    @Test
    void oneSlowClientAmongManyIsASmallShare() {
        LateAnswers answers = windowsOf100MsLateAfter300Ms();
        answers.record(5_000 * MS, 10 * MS); // a client far behind
        for (int client = 0; client < 29; client++) {
            answers.record(3 * MS, 20 * MS);
        }
        answers.record(5_000 * MS, 150 * MS);

        assertEquals(1.0 / 30, answers.share(), 1e-9);
    }

    @Test
    void theReadingGrowsOldWhenNothingIsAnsweredForTwoWindows() {
        LateAnswers answers = windowsOf100MsLateAfter300Ms();
        answers.record(400 * MS, 50 * MS);
        answers.record(400 * MS, 150 * MS);

        assertFalse(answers.quiet(340 * MS));
        assertTrue(answers.quiet(360 * MS));
        assertEquals(1.0, answers.share(), "the reading itself stays until the next one");
    }

    @Test
    void anAnswerAfterAQuietSpellDoesNotBringBackTheOldShare() {
        // a client that caught up answered its backlog late, then nothing came for a while: the
        // next answer closes that old window, which tells nothing of now
        LateAnswers answers = windowsOf100MsLateAfter300Ms();
        answers.record(2_000 * MS, 50 * MS);
        answers.record(2_000 * MS, 60 * MS);

        answers.record(1 * MS, 900 * MS);

        assertFalse(answers.quiet(950 * MS));
        assertEquals(0.0, answers.share());
    }
}
