package org.groupchat.retention;

/**
 * A legal hold as an administrator asks for it: on a room or on a user, never both.
 *
 * @param room the room's number
 * @param user the user's SIP URI
 * @param reason why (a case, a request): required, it is what the next administrator reads
 */
public record HoldSpec(Long room, String user, String reason) {
}
