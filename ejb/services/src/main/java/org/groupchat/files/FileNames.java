package org.groupchat.files;

import java.util.regex.Pattern;

/**
 * File names as clients give them, made harmless. Names never reach the file system (files are
 * kept by content hash) but they do reach other users' download dialogs and HTTP headers: only
 * the last path segment is kept, control characters and characters Windows refuses are replaced,
 * leading dots and trailing dots and spaces go, and the length is capped, keeping the extension.
 */
public final class FileNames {

    public static final int MAX_LENGTH = 255;
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cntrl}<>:\"|?*]");

    private FileNames() {
    }

    /** @return the harmless name, empty when nothing usable is left */
    public static String sanitize(String given) {
        if (given == null) {
            return "";
        }
        String name = given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        name = UNSAFE.matcher(name).replaceAll("_").strip();
        name = name.replaceAll("^\\.+", "").replaceAll("[. ]+$", "");
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
            name = name.substring(0, name.offsetByCodePoints(0, MAX_LENGTH - extension.length())) + extension;
        }
        return name;
    }
}
