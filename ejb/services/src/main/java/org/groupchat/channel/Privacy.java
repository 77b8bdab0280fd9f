package org.groupchat.channel;

/** Who may find a room and read it. */
public enum Privacy {
    /**
     * Anyone the category admits finds it, reads it and, in a NORMAL room, posts without being a
     * member (Skype for Business's rule); in an auditorium its presenters post.
     */
    OPEN,
    /** Anyone finds it; only members read and post. The default. */
    CLOSED,
    /** Only members find it, read it and post. */
    SECRET
}
