package org.groupchat.it;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.groupchat.compliance.adapter.ComplianceAdapter;
import org.groupchat.compliance.adapter.ExportBatch;
import org.groupchat.compliance.adapter.ExportedEvent;

/**
 * A site's own compliance adapter, as ComplianceIT deploys it: a jar in the EAR's lib/ with a
 * CDI bean. Writes one line per event (event id, type, room, content), a file per interval.
 */
@ApplicationScoped
public class LinesComplianceAdapter implements ComplianceAdapter {

    static final String NAME = "it-lines";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(ExportBatch batch) throws IOException {
        batch.writeFile(batch.from().toEpochMilli() + "-" + batch.to().toEpochMilli() + ".tsv", out -> {
            for (ExportedEvent event : batch.events()) {
                String line = String.join("\t", event.eventId(), event.type(), event.roomUri(), event.content().replace('\n', ' '));
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        });
    }
}
