package org.groupchat.lookup;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Takes the candidates in turn: each call the next one, wrapping around, whatever the list's length. */
final class RoundRobin {

    private final AtomicLong turns = new AtomicLong();

    <T> Optional<T> next(List<T> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        long turn = turns.getAndIncrement();
        return Optional.of(candidates.get((int) Math.floorMod(turn, (long) candidates.size())));
    }
}
