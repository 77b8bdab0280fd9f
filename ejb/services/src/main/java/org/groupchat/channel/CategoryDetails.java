package org.groupchat.channel;

import java.util.List;

/**
 * A category with its rules, and the options its rooms inherit.
 *
 * @param filePost the category's own option, null when it takes its parent's
 * @param inheritedFilePost what its rooms get when they set none
 * @param retentionDays the category's own retention in days, null when it takes its parent's
 * @param inheritedRetentionDays the retention its rooms have (0: messages kept for ever)
 */
public record CategoryDetails(long id, String name, String parent, List<String> allowedMembers, List<String> deniedMembers,
                              List<String> allowedCreators, List<String> deniedCreators, Boolean filePost, Boolean invite,
                              boolean inheritedFilePost, boolean inheritedInvite, Integer retentionDays,
                              int inheritedRetentionDays, long rooms) {

    static CategoryDetails of(Category category, long rooms) {
        return new CategoryDetails(category.getId(), category.getName(),
                category.getParent() == null ? null : category.getParent().getName(),
                List.copyOf(category.getAllowedMembers()), List.copyOf(category.getDeniedMembers()),
                List.copyOf(category.getAllowedCreators()), List.copyOf(category.getDeniedCreators()),
                category.getFilePost(), category.getInvite(), CategoryPolicy.filePost(category), CategoryPolicy.invite(category),
                category.getRetentionDays(), CategoryPolicy.retentionDays(category), rooms);
    }
}
