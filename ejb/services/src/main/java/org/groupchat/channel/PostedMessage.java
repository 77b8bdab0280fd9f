package org.groupchat.channel;

import java.time.Instant;

/**
 * A stored message, as history shows it and the fan-out delivers it.
 *
 * @param storyTitle a story's title, null for an ordinary message
 * @param alert sent as high importance
 */
public record PostedMessage(String roomUri, long sequence, String author, Instant postedAt, String text, String storyTitle,
                            boolean alert) {

    static PostedMessage of(ChatMessage message, String domain) {
        return new PostedMessage(new RoomUri(domain, message.getRoom().getId()).toString(), message.getSequence(),
                message.getAuthor(), message.getPostedAt(), message.getText(), message.getStoryTitle(), message.isAlert());
    }
}
