package org.groupchat.retention;

import java.time.Instant;

/** What clearing a room's history did: messages removed, and those a hold on their author kept. */
public record ClearedHistory(long room, String roomName, Instant before, long removed, long keptUnderHold) {
}
