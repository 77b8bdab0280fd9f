package org.groupchat.retention;

import java.time.Instant;

/** A legal hold in place; {@code roomName} is given for a hold on a room. */
public record HoldDetails(long id, Long room, String roomName, String user, String reason, String placedBy, Instant placedAt) {
}
