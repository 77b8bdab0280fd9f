package org.groupchat.channel;

import java.util.List;

/** A room with its members, by role, as the administration API shows it. */
public record RoomDetails(RoomSummary room, List<String> members, List<String> managers, List<String> presenters) {
}
