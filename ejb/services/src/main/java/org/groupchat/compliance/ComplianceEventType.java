package org.groupchat.compliance;

/**
 * What happened. The first six are the message types of the OCS / Skype for Business compliance
 * export; the others are the administrators' changes to rooms.
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
    MESSAGE_REMOVED
}
