package org.groupchat.compliance.adapter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * The events archived in one interval, {@code [from, to)} by archive time. An event archived
 * late (its database was down, its message came back from the dead-letter queue) is in the
 * interval it was archived in, whenever it happened. The events are read from the archive a page
 * at a time while they are iterated: an interval of any size streams.
 */
public interface ExportBatch {

    /** The interval's start, inclusive. */
    Instant from();

    /** The interval's end, exclusive. */
    Instant to();

    /** The adapter's own directory under the export directory; it exists. */
    Path directory();

    /**
     * What the interval's events are about, sorted: rooms ({@code ma-chan://DOMAIN/ID}), and the
     * categories and groups of administrative events ({@code category:ID}, {@code group:NAME}).
     */
    List<String> rooms();

    /** Every event of the interval, in archive order. */
    Iterable<ExportedEvent> events();

    /** The interval's events about one room (or category, or group), in archive order. */
    Iterable<ExportedEvent> events(String room);

    /**
     * Writes a file of the adapter's directory all at once: it is written beside its final name
     * and moved there only when complete, replacing what an earlier attempt at the interval
     * left. A reader of the directory never sees half a file.
     */
    default Path writeFile(String fileName, FileContent content) throws IOException {
        Path target = directory().resolve(fileName);
        if (!target.getParent().equals(directory())) {
            throw new IllegalArgumentException("not a plain file name: " + fileName);
        }
        Path partial = directory().resolve("." + fileName + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What goes into a file. */
    @FunctionalInterface
    interface FileContent {
        void writeTo(OutputStream out) throws IOException;
    }
}
