package org.groupchat.storage;

/** The application's two databases. */
public enum Database {
    CHAT,
    COMPLIANCE
}
