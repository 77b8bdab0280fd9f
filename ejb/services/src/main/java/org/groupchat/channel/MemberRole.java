package org.groupchat.channel;

/** What a user is in a room; a user may hold several roles in one room. */
public enum MemberRole {
    MEMBER, MANAGER, PRESENTER
}
