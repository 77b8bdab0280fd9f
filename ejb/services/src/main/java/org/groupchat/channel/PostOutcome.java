package org.groupchat.channel;

/** What became of one post of several stored together: stored as {@code message}, or refused (nothing stored). */
public record PostOutcome(PostedMessage message, ChannelRefusal refusal) {

    static PostOutcome stored(PostedMessage message) {
        return new PostOutcome(message, null);
    }

    static PostOutcome refused(ChannelRefusal refusal) {
        return new PostOutcome(null, refusal);
    }

    /** The stored message; the refusal, thrown, when the post was refused. */
    public PostedMessage messageOrThrow() {
        if (refusal != null) {
            throw refusal;
        }
        return message;
    }
}
