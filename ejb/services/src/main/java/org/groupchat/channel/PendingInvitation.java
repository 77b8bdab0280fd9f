package org.groupchat.channel;

import java.time.Instant;

/** An invitation the user has not acted on yet. */
public record PendingInvitation(long id, String roomUri, String roomName, String invitedBy, Instant createdAt) {
}
