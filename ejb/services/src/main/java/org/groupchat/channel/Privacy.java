package org.groupchat.channel;

/** Who may find a room and read it. */
public enum Privacy {
    /** Anyone finds it and reads it; members post. */
    OPEN,
    /** Anyone finds it; only members read and post. The default. */
    CLOSED,
    /** Only members find it, read it and post. */
    SECRET
}
