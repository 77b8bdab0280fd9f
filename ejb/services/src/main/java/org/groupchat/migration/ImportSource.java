package org.groupchat.migration;

import java.util.List;

/** What an administrator brings in one import: any of categories, rooms and history. */
public record ImportSource(List<CategoryRow> categories, List<RoomRow> rooms, List<Conversation> conversations) {

    public boolean isEmpty() {
        return categories.isEmpty() && rooms.isEmpty() && conversations.isEmpty();
    }

    public long messageCount() {
        return conversations.stream().mapToLong(c -> c.messages().size()).sum();
    }
}
