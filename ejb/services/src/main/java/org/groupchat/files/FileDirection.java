package org.groupchat.files;

/** What a file token allows: putting a new file into a room, or fetching one of its files. */
public enum FileDirection {
    UPLOAD,
    DOWNLOAD
}
