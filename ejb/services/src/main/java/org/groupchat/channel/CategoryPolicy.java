package org.groupchat.channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
    public static Optional<String> memberExclusion(Category category, String user, GroupsOfUser groups) {
        return exclusion(category, user, groups, true);
    }

    /** As above, for a category whose lists name no group (tests). */
    static Optional<String> memberExclusion(Category category, String user) {
        return memberExclusion(category, user, GroupsOfUser.NONE);
    }

    /** A category's wall stops the user at the room's door, whatever the user's roles: for every way in. */
    public static void requireOutsideWalls(Room room, String user, GroupsOfUser groups) {
        memberExclusion(room.getCategory(), user, groups).ifPresent(reason -> {
            throw ChannelRefusal.notAllowed(room.getName() + " is closed to you: " + reason);
        });
    }

    /** Why the user may not create rooms in this category, if not (same reading as for members). */
    public static Optional<String> creatorExclusion(Category category, String user, GroupsOfUser groups) {
        return exclusion(category, user, groups, false);
    }

    /**
     * The groups a user is in, by name: asked only when a list on the way names a group, so that
     * the usual check (URIs and domains) costs no query.
     */
    @FunctionalInterface
    public interface GroupsOfUser {
        GroupsOfUser NONE = user -> List.of();

        List<String> of(String user);
    }

    /**
     * Why the user may not create rooms in the category, if not. Room creation is the
     * administrators' unless a category grants it: the user must be on the allowed creators of
     * the category or one above it, and denied by none.
     */
    public static Optional<String> creationRefusal(Category category, String user, GroupsOfUser groups) {
        boolean granted = category.chain().stream().anyMatch(level -> !level.getAllowedCreators().isEmpty());
        if (!granted) {
            return Optional.of("no category from " + category.getName() + " up names room creators");
        }
        return creatorExclusion(category, user, groups);
    }

    /** As above, for a category whose lists name no group (tests). */
    static Optional<String> creationRefusal(Category category, String user) {
        return creationRefusal(category, user, GroupsOfUser.NONE);
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

    /**
     * An entry is a SIP URI, a domain written {@code @example.org}, or a group ({@code group:NAME},
     * kept here or read from the directory), given in lower case but for the group's name.
     */
    public static boolean isEntry(String entry) {
        return entry != null && (entry.matches("@[^@\\s<>\";:?]+") || entry.matches("sip:[^@\\s<>\"]+@[^@\\s<>\";:?]+")
                || (entry.startsWith(UserGroup.PREFIX) && !entry.substring(UserGroup.PREFIX.length()).isBlank()));
    }

    /** An entry as lists keep it: a group's name as given, the rest in lower case (as URIs and domains compare). */
    public static String normalizedEntry(String entry) {
        String trimmed = entry == null ? "" : entry.trim();
        if (trimmed.regionMatches(true, 0, UserGroup.PREFIX, 0, UserGroup.PREFIX.length())) {
            return UserGroup.PREFIX + trimmed.substring(UserGroup.PREFIX.length()).trim();
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** Whether the user is on the list: by URI, by domain, or through a group the list names. */
    static boolean matches(Collection<String> entries, String user, GroupsOfUser groups) {
        String uri = user.toLowerCase(Locale.ROOT);
        int at = uri.indexOf('@');
        if (entries.contains(uri) || (at >= 0 && entries.contains(uri.substring(at)))) {
            return true;
        }
        return entries.stream().anyMatch(entry -> entry.startsWith(UserGroup.PREFIX))
                && groups.of(uri).stream().anyMatch(group -> entries.contains(UserGroup.PREFIX + group));
    }

    private static Optional<String> exclusion(Category category, String user, GroupsOfUser groups, boolean members) {
        String role = members ? "members" : "room creators";
        GroupsOfUser askedOnce = once(groups);
        for (Category level : category.chain()) {
            if (matches(members ? level.getDeniedMembers() : level.getDeniedCreators(), user, askedOnce)) {
                return Optional.of(user + " is denied as one of the " + role + " of category " + level.getName());
            }
        }
        for (Category level : category.chain()) {
            var allowed = members ? level.getAllowedMembers() : level.getAllowedCreators();
            if (!allowed.isEmpty()) {
                return matches(allowed, user, askedOnce) ? Optional.empty()
                        : Optional.of("category " + level.getName() + " allows only " + allowed + " as " + role);
            }
        }
        return Optional.empty();
    }

    private static GroupsOfUser once(GroupsOfUser groups) {
        List<List<String>> asked = new ArrayList<>(1);
        return user -> {
            if (asked.isEmpty()) {
                asked.add(groups.of(user));
            }
            return asked.get(0);
        };
    }
}
