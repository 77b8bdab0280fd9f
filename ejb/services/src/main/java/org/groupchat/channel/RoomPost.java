package org.groupchat.channel;

/** A post waiting to be stored in a room: who posts (as the SIP front asserted it), and what. */
public record RoomPost(String user, ChatPost post) {
}
