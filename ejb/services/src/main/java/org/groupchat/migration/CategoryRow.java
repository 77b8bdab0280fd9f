package org.groupchat.migration;

import java.util.List;

/** A category as Get-CsPersistentChatCategory exported it; a null option was left empty. */
record CategoryRow(String file, long line, String name, List<String> allowedMembers, List<String> deniedMembers, List<String> creators,
                   Boolean invite, Boolean filePost) {
}
