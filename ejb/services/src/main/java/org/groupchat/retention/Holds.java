package org.groupchat.retention;

import java.util.Set;

/**
 * What the legal holds in place cover, as the purges read it: these rooms (by number and by URI,
 * for the chat database and the archive) and everything of these users.
 */
public record Holds(Set<Long> rooms, Set<String> roomUris, Set<String> users) {

    public Holds {
        rooms = Set.copyOf(rooms);
        roomUris = Set.copyOf(roomUris);
        users = Set.copyOf(users);
    }

    public boolean coversRoom(long roomId) {
        return rooms.contains(roomId);
    }

    /**
     * The users as a query's {@code not in} list: never empty, since an empty list is not valid
     * SQL everywhere ("" is no one's URI).
     */
    public Set<String> usersForQuery() {
        return users.isEmpty() ? Set.of("") : users;
    }
}
