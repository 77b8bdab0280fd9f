package org.groupchat.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an import's files, whichever of them there are, and collects every problem they have
 * (with file and line) rather than stopping at the first, so that one round of corrections fixes
 * them all.
 */
public final class ImportReader {

    private final int storySizeLimit;
    private final List<CategoryRow> categories = new ArrayList<>();
    private final List<RoomRow> rooms = new ArrayList<>();
    private final List<Conversation> conversations = new ArrayList<>();
    private final List<ImportProblem> problems = new ArrayList<>();

    /** @param storySizeLimit the longest message taken (the server's story size limit) */
    public ImportReader(int storySizeLimit) {
        this.storySizeLimit = storySizeLimit;
    }

    /** Get-CsPersistentChatCategory exported to CSV (UTF-8, with or without a byte order mark). */
    public void categories(String file, InputStream in) {
        categories.addAll(SfbCsv.categories(file, utf8(in), problems));
    }

    /** Get-CsPersistentChatRoom exported to CSV. */
    public void rooms(String file, InputStream in) {
        rooms.addAll(SfbCsv.rooms(file, utf8(in), problems));
    }

    /** A compliance XML file. */
    public void history(String file, InputStream in) {
        conversations.addAll(HistoryXml.read(file, in, storySizeLimit, problems));
    }

    /** What was read, if nothing had a problem. */
    public ImportSource source() {
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        return new ImportSource(List.copyOf(categories), List.copyOf(rooms), List.copyOf(conversations));
    }

    /** UTF-8 text without the byte order mark that Windows tools write first. */
    private static Reader utf8(InputStream in) {
        BufferedReader text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            text.mark(1);
            if (text.read() != '\uFEFF') {
                text.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text;
    }
}
