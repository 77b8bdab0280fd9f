package org.groupchat.compliance.adapter;

import java.time.Instant;

/**
 * One archived event, as an adapter receives it.
 *
 * @param id the archive's row number: archive order, unique in one archive
 * @param eventId unique for ever, whichever node archived it: the key to drop an event already had
 * @param type JOIN, PART, CHAT, BACKCHAT, FILEUPLOAD, FILEDOWNLOAD (the compliance adapter
 *         layout's message types) or an administrative change: ROOM_CREATED, ROOM_CHANGED,
 *         ROOM_DISABLED, ROOM_ENABLED, MEMBERSHIP_CHANGED, MESSAGE_REMOVED, CATEGORY_CREATED,
 *         CATEGORY_CHANGED, GROUP_CREATED, GROUP_CHANGED, HISTORY_PURGED, ARCHIVE_PURGED,
 *         LEGAL_HOLD_PLACED, LEGAL_HOLD_RELEASED, MESSAGE_IMPORTED, HISTORY_IMPORTED; later
 *         versions may add types
 * @param roomUri the room, or {@code category:ID} / {@code group:NAME} for changes to those,
 *         {@code user:URI} for a legal hold on a user, {@code archive} for the archive's own purge
 * @param user a SIP URI, or an administrator's login name
 * @param content the message text, or a short description of what changed; never null
 * @param chatSequence the message's number in its room, for CHAT; null otherwise
 * @param storyTitle a story's title (the content is its body); null otherwise
 * @param alert whether a CHAT was sent as high importance
 * @param userDisplayName the user's name in the directory; null when there is none or it has none
 * @param userEmail the user's e-mail address in the directory; null when there is none or it has none
 */
public record ExportedEvent(long id, String eventId, String type, String roomUri, String roomName, String user,
                            Instant occurredAt, String content, String node, Long chatSequence, String storyTitle,
                            boolean alert, String userDisplayName, String userEmail, Instant archivedAt) {
}
