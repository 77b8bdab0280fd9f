package org.groupchat.channel;

import java.util.List;

/**
 * A category as an administrator describes it. On update, a field left null keeps its value; a
 * list given replaces that list. Entries are SIP URIs or domains ({@code @example.org}).
 *
 * @param parent the parent category's name; the root when none is given at creation
 * @param retentionDays how many days its rooms keep their messages in the chat database (0: for
 *         ever); null keeps the parent's
 */
public record CategorySpec(String name, String parent, List<String> allowedMembers, List<String> deniedMembers,
                           List<String> allowedCreators, List<String> deniedCreators, Boolean filePost, Boolean invite,
                           Integer retentionDays) {
}
