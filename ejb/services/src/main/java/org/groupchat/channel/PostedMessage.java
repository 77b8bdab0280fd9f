package org.groupchat.channel;

import java.time.Instant;

/** A stored message, as history shows it and the fan-out delivers it. */
public record PostedMessage(String roomUri, long sequence, String author, Instant postedAt, String text) {

    static PostedMessage of(ChatMessage message, String domain) {
        return new PostedMessage(new RoomUri(domain, message.getRoom().getId()).toString(), message.getSequence(),
                message.getAuthor(), message.getPostedAt(), message.getText());
    }
}
