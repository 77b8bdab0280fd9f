package org.groupchat.directory;

import java.util.Map;
import java.util.Set;

/**
 * The directory as one reading found it.
 *
 * @param users by SIP URI
 * @param groups each group's users, nested groups resolved, by the group's name
 * @param groupDns each group's DN, by its name
 */
public record DirectorySnapshot(Map<String, DirectoryUser> users, Map<String, Set<String>> groups, Map<String, String> groupDns) {
}
