package org.groupchat.compliance;

/**
 * What happened. The first six are the message types of the OCS / Skype for Business compliance
 * export; the others are the administrators' changes to rooms, categories and groups. An event
 * about a category or a group names it where a room's URI stands: {@code category:ID},
 * {@code group:NAME}. The databases check the names against this list ({@code EventTypesCheck}).
 */
public enum ComplianceEventType {
    JOIN,
    PART,
    CHAT,
    BACKCHAT,
    FILEUPLOAD,
    FILEDOWNLOAD,
    ROOM_CREATED,
    ROOM_CHANGED,
    ROOM_DISABLED,
    ROOM_ENABLED,
    MEMBERSHIP_CHANGED,
    /** An administrator replaced a message's text with a notice; the event holds the original. */
    MESSAGE_REMOVED,
    CATEGORY_CREATED,
    /** Its name, place, walls or options; the event holds its state after the change. */
    CATEGORY_CHANGED,
    GROUP_CREATED,
    /** Its members; the event holds them after the change. */
    GROUP_CHANGED,
    /** Messages left a room's history (its category's retention, or an administrator cleared it); the event holds the counts. */
    HISTORY_PURGED,
    /** Events left the compliance archive (its own retention); the event holds the counts. */
    ARCHIVE_PURGED,
    /** A legal hold on a room or a user ({@code user:} its subject); nothing it covers is purged until it is released. */
    LEGAL_HOLD_PLACED,
    LEGAL_HOLD_RELEASED,
    /** A message brought from another server's archive (a migration): its author, its original time and text. */
    MESSAGE_IMPORTED,
    /** A room's history imported; the event holds the counts and the sources, its user the administrator. */
    HISTORY_IMPORTED
}
