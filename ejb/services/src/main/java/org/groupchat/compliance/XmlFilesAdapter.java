package org.groupchat.compliance;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.groupchat.compliance.adapter.ComplianceAdapter;
import org.groupchat.compliance.adapter.ExportBatch;
import org.groupchat.config.GroupchatSettings;

/**
 * The built-in adapter: the interval's conversations as XML files in the layout of the OCS /
 * Skype for Business compliance XML adapter (the API's XML export, {@code compliance-export.xsd}),
 * one file per interval, or one per room and interval. Files are named after their interval, so
 * that an interval written again replaces its files; an interval with no conversation message
 * (only administrative changes) leaves none.
 */
@ApplicationScoped
public class XmlFilesAdapter implements ComplianceAdapter {

    static final String NAME = "xml";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(ExportBatch batch) throws IOException {
        String interval = "compliance-" + FILE_TIME.format(batch.from()) + "-" + FILE_TIME.format(batch.to());
        if (GroupchatSettings.current().complianceExport().filePerRoom()) {
            for (String room : batch.rooms()) {
                if (room.startsWith("ma-chan:")) {
                    write(batch, interval + "-room-" + room.substring(room.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_-]", "_")
                            + ".xml", List.of(room));
                }
            }
        } else {
            write(batch, interval + ".xml", batch.rooms());
        }
    }

    private static void write(ExportBatch batch, String fileName, List<String> rooms) throws IOException {
        AtomicInteger messages = new AtomicInteger();
        List<Iterable<ArchivedEvent>> conversations = rooms.stream().<Iterable<ArchivedEvent>>map(room -> () ->
                StreamSupport.stream(batch.events(room).spliterator(), false).map(ArchivedEvent::of).iterator()).toList();
        Path file = batch.writeFile(fileName, out -> messages.set(ComplianceExport.writeXml(conversations, out)));
        if (messages.get() == 0) {
            Files.delete(file);
        }
    }
}
