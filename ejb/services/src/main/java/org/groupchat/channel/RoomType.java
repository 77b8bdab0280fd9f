package org.groupchat.channel;

/** Who may post in a room. */
public enum RoomType {
    /** Every member posts. */
    NORMAL,
    /** Only presenters post; the other members listen. */
    AUDITORIUM
}
