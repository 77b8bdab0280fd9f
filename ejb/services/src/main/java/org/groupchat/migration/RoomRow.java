package org.groupchat.migration;

import java.util.List;
import org.groupchat.channel.Privacy;
import org.groupchat.channel.RoomType;

/**
 * A room as Get-CsPersistentChatRoom exported it. {@code invite} and {@code filePost} are null for
 * Skype for Business's "Inherit" (the category's).
 */
record RoomRow(String file, long line, String name, String category, String description, Privacy privacy, RoomType type, boolean disabled,
               Boolean invite, Boolean filePost, List<String> members, List<String> managers, List<String> presenters) {
}
