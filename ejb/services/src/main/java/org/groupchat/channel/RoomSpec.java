package org.groupchat.channel;

import java.util.List;

/**
 * A room as an administrator describes it. On update, a field left null keeps its value; a member
 * list given replaces that role's members.
 */
public record RoomSpec(String name, String description, String topic, String category, Privacy privacy, RoomType type,
                       Boolean filePost, Boolean invite, Boolean logged,
                       List<String> members, List<String> managers, List<String> presenters) {
}
