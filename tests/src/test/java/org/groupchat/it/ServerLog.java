package org.groupchat.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The log of the WildFly this failsafe execution runs ({@code jboss.home}), as a test reads it.
 * WildFly starts a new {@code server.log} at midnight and renames the day's to
 * {@code server.log.YYYY-MM-DD}: a suite that runs over midnight would otherwise not find what the
 * server logged before it.
 */
final class ServerLog {

    private ServerLog() {
    }

    /** The file the server writes to now. */
    static Path current() {
        return Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    }

    /** Everything the server logged: the days rotated away, oldest first, then today's file. */
    static String text() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path day : rotated()) {
            text.append(Files.readString(day, StandardCharsets.UTF_8));
        }
        return text.append(Files.readString(current(), StandardCharsets.UTF_8)).toString();
    }

    /** Where the log ends now: the file (its inode) and its size, what {@link #since} reads from. */
    record Mark(Object file, long size) {
    }

    static Mark end() throws IOException {
        return new Mark(fileKey(current()), Files.size(current()));
    }

    /**
     * What the server logged after {@link #end} was taken. Counted in bytes, not characters: a
     * character index would start later wherever the log holds characters of more than one byte
     * (FuzzIT's, say) and cut the line sought.
     */
    static String since(Mark end) throws IOException {
        if (end.file().equals(fileKey(current()))) {
            return tail(current(), end.size());
        }
        // the day's file was rotated away in between: its tail, then the new file whole
        Path day = rotated().stream().filter(file -> end.file().equals(fileKey(file))).findFirst()
                .orElseThrow(() -> new IOException("the server's log was rotated twice during the test"));
        return tail(day, end.size()) + Files.readString(current(), StandardCharsets.UTF_8);
    }

    private static String tail(Path file, long from) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, (int) from, bytes.length - (int) from, StandardCharsets.UTF_8);
    }

    private static Object fileKey(Path file) {
        return attributes(file).fileKey();
    }

    private static List<Path> rotated() throws IOException {
        try (Stream<Path> files = Files.list(current().getParent())) {
            return files.filter(file -> file.getFileName().toString().startsWith("server.log."))
                    .sorted(Comparator.comparing(file -> attributes(file).lastModifiedTime()))
                    .toList();
        }
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
