package org.groupchat.migration;

import java.util.List;

/** What an administrator brings in one import: any of categories, rooms and history. */
public record ImportSource(List<CategoryRow> categories, List<RoomRow> rooms, List<Conversation> conversations) {
}
