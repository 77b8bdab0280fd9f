package org.groupchat.channel;

import java.util.Map;
import java.util.Set;

/**
 * A room the user has just joined, with its members and their roles, and the sequence number of
 * its latest message when the user joined (later ones reach the user live).
 */
public record JoinedRoom(RoomSummary room, Map<String, Set<MemberRole>> members, long lastSequence) {
}
