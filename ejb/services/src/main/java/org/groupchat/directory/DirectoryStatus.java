package org.groupchat.directory;

import java.time.Instant;
import java.util.List;
import org.groupchat.channel.GroupAdministration.DirectoryChanges;
import org.groupchat.config.GroupchatSettings.DirectorySettings;

/**
 * The directory as the administration API shows it: where it is, its last reading and what that
 * changed, and the last failure.
 *
 * @param conflicts directory groups left out: a group kept here has the name
 */
public record DirectoryStatus(boolean configured, String url, Instant lastRefresh, long lastRefreshMillis, int users, int groups,
                              int created, int changed, int emptied, List<String> conflicts, Instant lastFailure,
                              String lastFailureReason) {

    static DirectoryStatus none(DirectorySettings settings) {
        return new DirectoryStatus(settings.enabled(), settings.url(), null, 0, 0, 0, 0, 0, 0, List.of(), null, null);
    }

    DirectoryStatus refreshed(Instant at, long millis, int userCount, DirectoryChanges changes) {
        return new DirectoryStatus(configured, url, at, millis, userCount, changes.groups(), changes.created(), changes.changed(),
                changes.emptied(), changes.conflicts(), lastFailure, lastFailureReason);
    }

    DirectoryStatus failed(Instant at, String reason) {
        return new DirectoryStatus(configured, url, lastRefresh, lastRefreshMillis, users, groups, created, changed, emptied, conflicts,
                at, reason);
    }
}
