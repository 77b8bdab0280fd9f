package org.groupchat.directory;

/** A user the directory knows: the SIP URI, and what the directory calls the user and mails to (null when it has none). */
public record DirectoryUser(String uri, String displayName, String email) {
}
