package org.groupchat.channel;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules categories set, read along a category's chain to the root: who may be in its rooms,
 * who may create rooms in it, and the options its rooms inherit. Pure logic over loaded
 * categories.
 */
public final class CategoryPolicy {

    private CategoryPolicy() {
    }

    /**
     * Why the user may not be in rooms of this category, if not: denied by it or a category above
     * it, or not on the allowed list of the nearest category that has one.
     */
    public static Optional<String> memberExclusion(Category category, String user) {
        return exclusion(category, user, true);
    }

    /** A category's wall stops the user at the room's door, whatever the user's roles: for every way in. */
    public static void requireOutsideWalls(Room room, String user) {
        memberExclusion(room.getCategory(), user).ifPresent(reason -> {
            throw ChannelRefusal.notAllowed(room.getName() + " is closed to you: " + reason);
        });
    }

    /** Why the user may not create rooms in this category, if not (same reading as for members). */
    public static Optional<String> creatorExclusion(Category category, String user) {
        return exclusion(category, user, false);
    }

    /**
     * Why the user may not create rooms in the category, if not. Room creation is the
     * administrators' unless a category grants it: the user must be on the allowed creators of
     * the category or one above it, and denied by none.
     */
    public static Optional<String> creationRefusal(Category category, String user) {
        boolean granted = category.chain().stream().anyMatch(level -> !level.getAllowedCreators().isEmpty());
        if (!granted) {
            return Optional.of("no category from " + category.getName() + " up names room creators");
        }
        return creatorExclusion(category, user);
    }

    /** The file-posting option rooms of the category inherit: the nearest one set, else on. */
    public static boolean filePost(Category category) {
        return category.chain().stream().map(Category::getFilePost).filter(o -> o != null).findFirst().orElse(true);
    }

    /** The invitation option rooms of the category inherit: the nearest one set, else on. */
    public static boolean invite(Category category) {
        return category.chain().stream().map(Category::getInvite).filter(o -> o != null).findFirst().orElse(true);
    }

    /**
     * How many days the category's rooms keep their messages in the chat database: the nearest
     * setting along the chain; 0 (also when none is set) keeps them for ever.
     */
    public static int retentionDays(Category category) {
        return category.chain().stream().map(Category::getRetentionDays).filter(o -> o != null).findFirst().orElse(0);
    }

    /** An entry is a SIP URI or a domain written {@code @example.org}. */
    public static boolean isEntry(String entry) {
        return entry != null && (entry.matches("@[^@\\s<>\";:?]+") || entry.matches("sip:[^@\\s<>\"]+@[^@\\s<>\";:?]+"));
    }

    static boolean matches(Collection<String> entries, String user) {
        String uri = user.toLowerCase(Locale.ROOT);
        int at = uri.indexOf('@');
        return entries.contains(uri) || (at >= 0 && entries.contains(uri.substring(at)));
    }

    private static Optional<String> exclusion(Category category, String user, boolean members) {
        String role = members ? "members" : "room creators";
        for (Category level : category.chain()) {
            if (matches(members ? level.getDeniedMembers() : level.getDeniedCreators(), user)) {
                return Optional.of(user + " is denied as one of the " + role + " of category " + level.getName());
            }
        }
        for (Category level : category.chain()) {
            var allowed = members ? level.getAllowedMembers() : level.getAllowedCreators();
            if (!allowed.isEmpty()) {
                return matches(allowed, user) ? Optional.empty()
                        : Optional.of("category " + level.getName() + " allows only " + allowed + " as " + role);
            }
        }
        return Optional.empty();
    }
}
