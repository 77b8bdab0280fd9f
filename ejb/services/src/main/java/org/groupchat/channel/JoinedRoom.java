package org.groupchat.channel;

import java.util.Map;
import java.util.Set;

/** A room the user has just joined, with its members and their roles. */
public record JoinedRoom(RoomSummary room, Map<String, Set<MemberRole>> members) {
}
