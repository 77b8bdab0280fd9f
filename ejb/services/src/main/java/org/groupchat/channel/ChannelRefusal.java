package org.groupchat.channel;

import jakarta.ejb.ApplicationException;

/**
 * A chat request the server refuses, with the reason the user will read. Rolls the transaction
 * back: nothing of a refused request is stored.
 */
@ApplicationException(rollback = true)
public class ChannelRefusal extends RuntimeException {

    /** Why, in the terms of the protocol's response codes. */
    public enum Kind { BAD_REQUEST, NOT_ALLOWED, NOT_FOUND, CONFLICT, TOO_LARGE }

    private final Kind kind;

    public ChannelRefusal(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ChannelRefusal badRequest(String reason) {
        return new ChannelRefusal(Kind.BAD_REQUEST, reason);
    }

    public static ChannelRefusal notAllowed(String reason) {
        return new ChannelRefusal(Kind.NOT_ALLOWED, reason);
    }

    public static ChannelRefusal notFound(String reason) {
        return new ChannelRefusal(Kind.NOT_FOUND, reason);
    }

    public static ChannelRefusal conflict(String reason) {
        return new ChannelRefusal(Kind.CONFLICT, reason);
    }

    public static ChannelRefusal tooLarge(String reason) {
        return new ChannelRefusal(Kind.TOO_LARGE, reason);
    }
}
