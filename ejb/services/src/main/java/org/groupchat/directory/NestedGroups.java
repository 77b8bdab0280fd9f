package org.groupchat.directory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.naming.ldap.LdapName;

/**
 * Resolves groups whose members are users and other groups into each group's users: a group in a
 * group gives all its users, however deep, and a loop (a group in itself, through others) ends
 * where it closes. Members that are neither a known user nor a known group (outside the bases
 * read, or not SIP-enabled) are left out. Pure logic.
 */
final class NestedGroups {

    private final Map<LdapName, Set<LdapName>> members;
    private final Map<LdapName, String> userUris;
    private final Map<LdapName, Set<String>> resolved = new LinkedHashMap<>();

    /**
     * @param members each group's members as the directory lists them, by the group's DN
     * @param userUris each user's SIP URI, by the user's DN
     */
    NestedGroups(Map<LdapName, Set<LdapName>> members, Map<LdapName, String> userUris) {
        this.members = members;
        this.userUris = userUris;
    }

    /** The group's users, sorted. */
    Set<String> usersOf(LdapName group) {
        Set<String> cached = resolved.get(group);
        if (cached != null) {
            return cached;
        }
        Set<String> users = new TreeSet<>();
        collect(group, users, new HashSet<>());
        resolved.put(group, users);
        return users;
    }

    private void collect(LdapName group, Set<String> users, Set<LdapName> visiting) {
        if (!visiting.add(group)) {
            return; // a loop: this group's users are being collected already
        }
        for (LdapName member : members.getOrDefault(group, Set.of())) {
            String uri = userUris.get(member);
            if (uri != null) {
                users.add(uri);
            } else if (members.containsKey(member)) {
                collect(member, users, visiting);
            }
        }
    }
}
