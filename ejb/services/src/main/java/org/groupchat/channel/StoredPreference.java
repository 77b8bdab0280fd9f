package org.groupchat.channel;

/** A client preference as stored: its label, how often it was replaced, and the client's base64 content. */
public record StoredPreference(String label, long version, String content) {
}
