package org.groupchat.compliance.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportBatchTest {

    @TempDir
    Path directory;

    @Test
    void aFileWrittenAgainReplacesTheFirstAndLeavesNothingBeside() throws IOException {
        ExportBatch batch = batchIn(directory);
        batch.writeFile("interval.xml", out -> out.write("first".getBytes(StandardCharsets.UTF_8)));
        batch.writeFile("interval.xml", out -> out.write("second".getBytes(StandardCharsets.UTF_8)));

        assertEquals("second", Files.readString(directory.resolve("interval.xml")));
        try (var files = Files.list(directory)) {
            assertEquals(List.of(directory.resolve("interval.xml")), files.toList());
        }
    }

    @Test
    void aFileFailedHalfWayLeavesTheLastGoodOneAlone() throws IOException {
        ExportBatch batch = batchIn(directory);
        batch.writeFile("interval.xml", out -> out.write("good".getBytes(StandardCharsets.UTF_8)));

        assertThrows(IOException.class, () -> batch.writeFile("interval.xml", out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("good", Files.readString(directory.resolve("interval.xml")));
        try (var files = Files.list(directory)) {
            assertEquals(List.of(directory.resolve("interval.xml")), files.toList());
        }
    }

    @Test
    void aNameOutsideTheDirectoryIsRefused() {
        ExportBatch batch = batchIn(directory);
        assertThrows(IllegalArgumentException.class, () -> batch.writeFile("../elsewhere.xml", out -> { }));
        assertThrows(IllegalArgumentException.class, () -> batch.writeFile("sub/file.xml", out -> { }));
    }

    private static ExportBatch batchIn(Path directory) {
        return new ExportBatch() {
            @Override
            public Instant from() {
                return Instant.EPOCH;
            }

            @Override
            public Instant to() {
                return Instant.EPOCH.plusSeconds(60);
            }

            @Override
            public Path directory() {
                return directory;
            }

            @Override
            public List<String> rooms() {
                return List.of();
            }

            @Override
            public Iterable<ExportedEvent> events() {
                return List.of();
            }

            @Override
            public Iterable<ExportedEvent> events(String room) {
                return List.of();
            }
        };
    }
}
