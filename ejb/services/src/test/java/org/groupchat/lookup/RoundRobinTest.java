package org.groupchat.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    @Test
    void takesEachCandidateInTurnAndWraps() {
        RoundRobin roundRobin = new RoundRobin();
        List<String> servers = List.of("a", "b", "c");

        List<String> picks = List.of(roundRobin.next(servers).orElseThrow(), roundRobin.next(servers).orElseThrow(),
                roundRobin.next(servers).orElseThrow(), roundRobin.next(servers).orElseThrow());

        assertEquals(List.of("a", "b", "c", "a"), picks);
    }

    @Test
    void copesWithTheListChangingBetweenCalls() {
        RoundRobin roundRobin = new RoundRobin();
        roundRobin.next(List.of("a", "b", "c"));
        roundRobin.next(List.of("a", "b", "c"));

        assertEquals("a", roundRobin.next(List.of("a", "b")).orElseThrow());
        assertTrue(roundRobin.next(List.of()).isEmpty());
        assertEquals("only", roundRobin.next(List.of("only")).orElseThrow());
    }
}
