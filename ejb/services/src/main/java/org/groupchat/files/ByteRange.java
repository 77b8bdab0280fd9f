package org.groupchat.files;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a download (RFC 9110 section 14): {@code bytes=FIRST-LAST}, {@code bytes=FIRST-}
 * or {@code bytes=-SUFFIX}. Several ranges in one request are answered with the whole file, as
 * the RFC allows.
 *
 * @param first the first byte, counted from 0
 * @param last the last byte, inclusive
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() {
        return last - first + 1;
    }

    /** The {@code Content-Range} of this range of a file of the given size. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /**
     * @return empty for no header, a malformed one or several ranges (the whole file is sent)
     * @throws Unsatisfiable when the range lies outside the file (answered 416)
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher range = SINGLE.matcher(header.replace(" ", ""));
        if (!range.matches() || (range.group(1).isEmpty() && range.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (range.group(1).isEmpty()) {
                long suffix = Long.parseLong(range.group(2));
                if (suffix == 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(range.group(1));
            long last = range.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(range.group(2)), size - 1);
            if (last < first && first < size) {
                return Optional.empty(); // LAST before FIRST: not a valid range, ignored
            }
            if (first >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty(); // beyond a long: ignored, like any malformed range
        }
    }

    /** The range starts beyond the file's end. */
    public static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super("the range is outside the file", null, false, false);
        }
    }
}
